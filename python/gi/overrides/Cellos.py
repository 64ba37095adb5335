# Cellos.py: PyGObject overrides for libcellos
#
# Makes create_async and destroy_async awaitable from any asyncio event
# loop, on every PyGObject (3.42, which cannot await GLib's asynchronous
# calls, as well as 3.50 and later), and gives the value types a useful
# repr(). Called with a callback, the asynchronous methods are the
# introspected ones, unchanged.
#
# An awaited call runs on one GLib main context that one thread services
# for every awaited call in the process: a call that hangs holds no thread
# of its own, and its result is handed to the awaiting task's event loop
# with call_soon_threadsafe().
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import asyncio
import logging
import threading

from gi.repository import Gio, GLib

from ..module import get_introspection_module
from ..overrides import override

Cellos = get_introspection_module('Cellos')

__all__ = []

_log = logging.getLogger(__name__)


def _(message):
    # The library's gettext domain, through the C library, so that the
    # directory libcellos binds it to applies once the library has.
    return GLib.dgettext('cellos-1.0', message)


class _Driver:
    """The GLib main context every awaited call runs on, and the thread
    that services it."""

    _lock = threading.Lock()
    _instance = None

    @classmethod
    def get(cls):
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def __init__(self):
        self.context = GLib.MainContext.new()
        self._loop = GLib.MainLoop.new(self.context, False)
        running = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(running,),
                                        name='Cellos main context',
                                        daemon=True)
        self._thread.start()
        running.wait()

    def _run(self, running):
        # Pushed for the life of the thread: a call started here completes
        # here, as GIO's rule for the thread-default main context says.
        self.context.push_thread_default()
        running.set()
        self._loop.run()

    def invoke(self, function):
        """Runs function() in the context's thread, soon."""
        def once(*unused):
            function()
            return GLib.SOURCE_REMOVE
        source = GLib.idle_source_new()
        source.set_priority(GLib.PRIORITY_DEFAULT)
        source.set_callback(once)
        source.attach(self.context)


class LateResult:
    """What became of a result that arrived after the await asking for it
    was cancelled or timed out. The exception the await raised carries it
    as its ``cellos_late_result`` attribute (``None`` on a CancelledError
    when no result came: a create that made no cell). asyncio hands that
    exception to whoever awaits the task first, and to asyncio.wait_for()
    as the ``__cause__`` of its TimeoutError; the override also logs each
    late cell on the ``gi.overrides.Cellos`` logger.

    ``disposition`` is one of:

    - ``'destroyed'``: a late cell, destroyed by the override; ``report``
      is its teardown report;
    - ``'handed-over'``: a late cell, given to the ``on_late_handle``
      callable of the call, which owns it now;
    - ``'kept'``: a late cell whose destroy failed (``error``); it may
      still exist, and ``handle`` is the caller's to destroy;
    - ``'completed'``: a destroy that completed anyway; ``report`` says
      what it did (``None`` for a listing, which makes no cell).
    """

    def __init__(self, disposition, handle=None, report=None, error=None):
        self.disposition = disposition
        self.handle = handle
        self.report = report
        self.error = error

    def __repr__(self):
        parts = ['%s=%r' % (name, getattr(self, name))
                 for name in ('handle', 'report', 'error')
                 if getattr(self, name) is not None]
        return '<Cellos.LateResult %s %s>' % (self.disposition, ' '.join(parts))


__all__.append('LateResult')


def _timed_out_error(timeout):
    # Translators: %g is the deadline the caller gave, in seconds.
    return GLib.Error(_('The operation did not finish within %g seconds')
                      % timeout,
                      GLib.quark_to_string(Cellos.error_quark()),
                      int(Cellos.Error.TIMED_OUT))


def _is_cancelled(error):
    return error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)


def _run_on_driver(backend, start, finish, argument, cancellable):
    """Starts start(argument, cancellable, callback) on the driver's
    context and returns an asyncio future for what finish() gives."""
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    driver = _Driver.get()

    def settle(value, error):
        if future.cancelled():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)

    def done(source, result, *unused):
        value = error = None
        try:
            value = finish(backend, result)
        except GLib.Error as caught:
            error = caught
        try:
            loop.call_soon_threadsafe(settle, value, error)
        except RuntimeError:
            # The event loop is closed: nobody awaits this result any more.
            if isinstance(value, Cellos.CellHandle):
                _destroy_orphan(backend, value)

    def begin():
        try:
            start(backend, argument, cancellable, done, None)
        except Exception as error:  # delivered to the awaiting task
            loop.call_soon_threadsafe(settle, None, error)

    driver.invoke(begin)
    return future


def _destroy_orphan(backend, handle):
    """Destroys, in the driver's thread, a cell whose event loop is gone."""
    def destroyed(source, result, *unused):
        try:
            Cellos.CellBackend.destroy_finish(backend, result)
        except GLib.Error as error:
            _log.warning('cell %s arrived after its event loop closed and '
                         'could not be destroyed: %s',
                         handle.props.cell_id, error.message)
    Cellos.CellBackend.destroy_async(backend, handle, None, destroyed, None)


async def _outcome(future):
    """The future's result and error, once it has one, whatever
    cancellations the awaiting task receives meanwhile (the operation is
    already being cancelled)."""
    while not future.done():
        try:
            await asyncio.shield(future)
        except (asyncio.CancelledError, GLib.Error):
            pass
    try:
        return future.result(), None
    except GLib.Error as error:
        return None, error


async def _take_late_cell(backend, handle, on_late_handle):
    """Gives a cell nobody awaits any more to on_late_handle, or destroys
    it; returns what became of it."""
    if on_late_handle is not None:
        try:
            on_late_handle(handle)
            return LateResult('handed-over', handle=handle)
        except Exception:
            # The cell is still nobody's: destroy it, as without a taker.
            _log.exception('on_late_handle failed to take cell %s',
                           handle.props.cell_id)
    report, error = await _outcome(_run_on_driver(
        backend, Cellos.CellBackend.destroy_async,
        Cellos.CellBackend.destroy_finish, handle, None))
    if error is not None:
        _log.warning('cell %s arrived after its caller stopped waiting and '
                     'could not be destroyed: %s', handle.props.cell_id,
                     error.message)
        return LateResult('kept', handle=handle, error=error)
    _log.info('cell %s arrived after its caller stopped waiting and was '
              'destroyed', handle.props.cell_id)
    return LateResult('destroyed', handle=handle, report=report)


async def _awaited(backend, start, finish, argument, cancellable, timeout,
                   on_late_handle):
    own = Gio.Cancellable()
    linked = None
    if cancellable is not None:
        # Runs the handler at once if the caller's is already cancelled.
        linked = cancellable.connect(lambda *unused: own.cancel(), None)
    loop = asyncio.get_running_loop()
    expired = []

    def expire():
        expired.append(True)
        own.cancel()

    timer = loop.call_later(timeout, expire) if timeout is not None else None
    try:
        future = _run_on_driver(backend, start, finish, argument, own)
        try:
            value = await asyncio.shield(future)
        except asyncio.CancelledError as cancellation:
            own.cancel()
            value, error = await _outcome(future)
            cancellation.cellos_late_result = None
            if error is None:
                cancellation.cellos_late_result = await _late(
                    backend, value, on_late_handle)
            raise
        except GLib.Error as error:
            if expired and _is_cancelled(error):
                raise _timed_out_error(timeout) from None
            raise
        if expired:
            timed_out = _timed_out_error(timeout)
            timed_out.cellos_late_result = await _late(backend, value,
                                                       on_late_handle)
            raise timed_out
        return value
    finally:
        if timer is not None:
            timer.cancel()
        if linked:
            cancellable.disconnect(linked)


async def _late(backend, value, on_late_handle):
    if isinstance(value, Cellos.CellHandle):
        return await _take_late_cell(backend, value, on_late_handle)
    if isinstance(value, Cellos.TeardownReport):
        return LateResult('completed', report=value)
    return LateResult('completed')


def _check_timeout(timeout):
    if timeout is not None and not timeout > 0:
        raise ValueError('timeout must be a positive number of seconds')


class CellBackend(Cellos.CellBackend):
    """Cellos.CellBackend with awaitable asynchronous methods."""

    def create_async(self, document, cancellable=None, callback=None,
                     *user_data, timeout=None, on_late_handle=None):
        """Creates a cell.

        With a callback, the introspected call: the callback gets the
        result, for create_finish(). Without one, a coroutine to await,
        on any asyncio event loop: it gives the handle or raises
        GLib.Error. With timeout (seconds), a create not done by then is
        cancelled and raises Cellos.Error.TIMED_OUT.

        A cell that arrives after the awaiting task was cancelled, or after
        the timeout, is given to on_late_handle(handle) if it is set, and
        destroyed otherwise, or if on_late_handle raises; the CancelledError or the TIMED_OUT error
        carries a Cellos.LateResult saying which, as its
        cellos_late_result attribute.
        """
        if callback is not None:
            if timeout is not None or on_late_handle is not None:
                raise TypeError('timeout and on_late_handle are for the '
                                'awaited form, without a callback')
            return super().create_async(document, cancellable, callback,
                                        *user_data)
        if not isinstance(document, Cellos.ExecutionCellDocument):
            raise TypeError('document must be a Cellos.ExecutionCellDocument, '
                            'not %s' % type(document).__name__)
        _check_timeout(timeout)
        return _awaited(self, Cellos.CellBackend.create_async,
                        Cellos.CellBackend.create_finish, document,
                        cancellable, timeout, on_late_handle)

    def destroy_async(self, handle, cancellable=None, callback=None,
                      *user_data, timeout=None):
        """Destroys a cell.

        With a callback, the introspected call. Without one, a coroutine
        to await, on any asyncio event loop: it gives the teardown report
        or raises GLib.Error. With timeout (seconds), a destroy not done by
        then is cancelled and raises Cellos.Error.TIMED_OUT. A cancelled
        destroy leaves the cell as it was; one that completed anyway is
        reported by the exception's cellos_late_result.
        """
        if callback is not None:
            if timeout is not None:
                raise TypeError('timeout is for the awaited form, without a '
                                'callback')
            return super().destroy_async(handle, cancellable, callback,
                                         *user_data)
        if not isinstance(handle, Cellos.CellHandle):
            raise TypeError('handle must be a Cellos.CellHandle, not %s'
                            % type(handle).__name__)
        _check_timeout(timeout)
        return _awaited(self, Cellos.CellBackend.destroy_async,
                        Cellos.CellBackend.destroy_finish, handle,
                        cancellable, timeout, None)

    def list_cells_async(self, cancellable=None, callback=None, *user_data,
                         timeout=None):
        """Lists the cells the backend holds now.

        With a callback, the introspected call. Without one, a coroutine
        to await, on any asyncio event loop: it gives a list of
        Cellos.CellHandle, empty when the backend holds none, or raises
        GLib.Error (Cellos.Error.NOT_SUPPORTED from a backend that keeps
        no account of its cells). With timeout (seconds), a listing not
        done by then is cancelled and raises Cellos.Error.TIMED_OUT.
        Listing makes no cell, so a cancelled one leaves nothing behind.
        """
        if callback is not None:
            if timeout is not None:
                raise TypeError('timeout is for the awaited form, without a '
                                'callback')
            return super().list_cells_async(cancellable, callback,
                                            *user_data)
        _check_timeout(timeout)
        return _listed(self, _start_listing,
                       Cellos.CellBackend.list_cells_finish, None,
                       cancellable, timeout, None)

    def create_with_timeout_async(self, document, timeout_msec,
                                  cancellable=None, callback=None, *user_data,
                                  on_late_handle=None):
        """Creates a cell, with a deadline of timeout_msec milliseconds
        that the library keeps.

        With a callback, the introspected call, for
        create_with_timeout_finish(). Without one, a coroutine to await,
        as create_async() gives, that starts nothing until awaited: it
        gives the handle, or raises GLib.Error (Cellos.Error.TIMED_OUT
        past the deadline, when the library destroys a cell that arrives
        late). A cell that arrives after the awaiting task was cancelled
        goes to on_late_handle, or is destroyed, as with create_async().
        """
        if callback is not None:
            if on_late_handle is not None:
                raise TypeError('on_late_handle is for the awaited form, '
                                'without a callback')
            return super().create_with_timeout_async(
                document, timeout_msec, cancellable, callback, *user_data)
        if not isinstance(document, Cellos.ExecutionCellDocument):
            raise TypeError('document must be a Cellos.ExecutionCellDocument, '
                            'not %s' % type(document).__name__)
        _check_timeout_msec(timeout_msec)
        return _awaited(self, _with_timeout(
                            Cellos.CellBackend.create_with_timeout_async,
                            timeout_msec),
                        Cellos.CellBackend.create_with_timeout_finish,
                        document, cancellable, None, on_late_handle)

    def destroy_with_timeout_async(self, handle, timeout_msec,
                                   cancellable=None, callback=None,
                                   *user_data):
        """Destroys a cell, with a deadline of timeout_msec milliseconds
        that the library keeps.

        With a callback, the introspected call, for
        destroy_with_timeout_finish(). Without one, a coroutine to await,
        as destroy_async() gives, that starts nothing until awaited: it
        gives the teardown report, or raises GLib.Error
        (Cellos.Error.TIMED_OUT past the deadline).
        """
        if callback is not None:
            return super().destroy_with_timeout_async(
                handle, timeout_msec, cancellable, callback, *user_data)
        if not isinstance(handle, Cellos.CellHandle):
            raise TypeError('handle must be a Cellos.CellHandle, not %s'
                            % type(handle).__name__)
        _check_timeout_msec(timeout_msec)
        return _awaited(self, _with_timeout(
                            Cellos.CellBackend.destroy_with_timeout_async,
                            timeout_msec),
                        Cellos.CellBackend.destroy_with_timeout_finish,
                        handle, cancellable, None, None)


def _check_timeout_msec(timeout_msec):
    if isinstance(timeout_msec, bool) or not isinstance(timeout_msec, int) \
            or not 0 <= timeout_msec <= GLib.MAXUINT32:
        raise ValueError('timeout_msec must be a whole number of '
                         'milliseconds, from 0 to %d' % GLib.MAXUINT32)


def _with_timeout(start, timeout_msec):
    """start(backend, argument, timeout_msec, ...) in the shape
    _run_on_driver() starts."""
    def begin(backend, argument, cancellable, callback, user_data):
        start(backend, argument, timeout_msec, cancellable, callback,
              user_data)
    return begin


def _start_listing(backend, unused, cancellable, callback, user_data):
    """list_cells_async() in the shape _run_on_driver() starts."""
    Cellos.CellBackend.list_cells_async(backend, cancellable, callback,
                                        user_data)


async def _listed(*arguments):
    """The handles a listing gives, as a list (finish gives None for
    none). The inner coroutine is made only once this one runs, so that
    one never awaited leaves no coroutine behind unawaited."""
    return list(await _awaited(*arguments) or [])


CellBackend = override(CellBackend)
__all__.append('CellBackend')


def _repr(self, names):
    fields = []
    for name in names:
        value = self.get_property(name)
        if value is not None and value != []:
            fields.append('%s=%r' % (name.replace('-', '_'), value))
    return '<Cellos.%s %s>' % (type(self).__name__, ' '.join(fields))


class ExecutionCellDocument(Cellos.ExecutionCellDocument):

    def __repr__(self):
        return _repr(self, ('id', 'argv'))


ExecutionCellDocument = override(ExecutionCellDocument)
__all__.append('ExecutionCellDocument')


class CellHandle(Cellos.CellHandle):

    def __repr__(self):
        return _repr(self, ('cell-id', 'cgroup-path', 'kernel-digest-sha256',
                            'rootfs-digest-sha256',
                            'firecracker-digest-sha256', 'nft-rules-applied'))


CellHandle = override(CellHandle)
__all__.append('CellHandle')


class TeardownReport(Cellos.TeardownReport):

    def __repr__(self):
        return _repr(self, ('cell-id', 'destroyed', 'peers-tracked-after'))


TeardownReport = override(TeardownReport)
__all__.append('TeardownReport')
