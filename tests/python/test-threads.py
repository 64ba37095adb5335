# test-threads.py: one stub backend shared by Python threads
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import threading
import unittest

import cellostest
from cellostest import Cellos

THREADS = 4
CELLS_PER_THREAD = 200


class SharedStubTests(unittest.TestCase):

    def test_four_threads_share_one_stub(self):
        stub = Cellos.StubBackend()
        start = threading.Barrier(THREADS)
        reports = {}
        failures = []

        def lifecycle(thread_number):
            try:
                start.wait()
                for cell in range(CELLS_PER_THREAD):
                    cell_id = 'thread-%d-cell-%d' % (thread_number, cell)
                    document = Cellos.ExecutionCellDocument(id=cell_id)
                    handle = stub.create(document, None)
                    report = stub.destroy(handle, None)
                    reports[cell_id] = (handle.props.cell_id,
                                        report.props.cell_id,
                                        report.props.destroyed)
            except Exception as error:
                failures.append(error)

        threads = [threading.Thread(target=lifecycle, args=(n,))
                   for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        self.assertEqual(failures, [])
        self.assertEqual(len(reports), THREADS * CELLS_PER_THREAD)
        for cell_id, (handle_id, report_id, destroyed) in reports.items():
            self.assertEqual((handle_id, report_id, destroyed),
                             (cell_id, cell_id, True))


if __name__ == '__main__':
    cellostest.main()
