// test-backend.js: the stub backend, and the test kit's fake, through GI,
// from JavaScript (gjs)
//
// Writes TAP, one line per test case, for automake's tap-driver.sh.
//
// Copyright 2026 The CellOS authors
// SPDX-License-Identifier: LGPL-2.1-or-later

imports.gi.versions.Cellos = '1.0';
imports.gi.versions.CellosTesting = '1.0';
imports.gi.versions.Gio = '2.0';
imports.gi.versions.GLib = '2.0';
const {Cellos, CellosTesting, Gio, GLib} = imports.gi;
const System = imports.system;

const TIMEOUT_SECONDS = 30;
const tests = [];

function test(name, body) {
    tests.push([name, body]);
}

function assertEqual(actual, expected) {
    if (actual !== expected)
        throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// Runs body, which must throw a GLib.Error of domain and code; returns it.
function assertThrowsGError(body, domain, code) {
    try {
        body();
    } catch (error) {
        if (!(error instanceof GLib.Error))
            throw error;
        if (!error.matches(domain, code))
            throw new Error(`expected error ${domain}:${code}, got ${error.domain}:${error.code}: ${error.message}`);
        return error;
    }
    throw new Error('no error was thrown');
}

// Calls start(callback) and runs a main loop until the callback comes;
// returns finish(source, result), or throws what it threw.
function runAsync(start, finish) {
    const loop = new GLib.MainLoop(null, false);
    let outcome = null;

    start((source, result) => {
        try {
            outcome = {value: finish(source, result)};
        } catch (error) {
            outcome = {error};
        }
        loop.quit();
    });
    if (outcome !== null)
        throw new Error('the callback ran before the call returned');

    let timedOut = false;
    const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, TIMEOUT_SECONDS, () => {
        timedOut = true;
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    loop.run();
    if (timedOut)
        throw new Error(`no callback within ${TIMEOUT_SECONDS} seconds`);
    GLib.source_remove(timeout);
    if (outcome.error)
        throw outcome.error;
    return outcome.value;
}

function cancelled() {
    const cancellable = new Gio.Cancellable();
    cancellable.cancel();
    return cancellable;
}

function createAsync(stub, document, cancellable = null) {
    return runAsync(callback => stub.create_async(document, cancellable, callback),
        (source, result) => source.create_finish(result));
}

function destroyAsync(stub, handle, cancellable = null) {
    return runAsync(callback => stub.destroy_async(handle, cancellable, callback),
        (source, result) => source.destroy_finish(result));
}

// Runs a main loop until promise settles; returns its value, or throws
// what it was rejected with.
function runPromise(promise) {
    const loop = new GLib.MainLoop(null, false);
    let outcome = null;

    promise.then(value => {
        outcome = {value};
        loop.quit();
    }, error => {
        outcome = {error};
        loop.quit();
    });
    const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, TIMEOUT_SECONDS, () => {
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    loop.run();
    if (outcome === null)
        throw new Error(`the promise did not settle within ${TIMEOUT_SECONDS} seconds`);
    GLib.source_remove(timeout);
    if (outcome.error)
        throw outcome.error;
    return outcome.value;
}

// Gio._promisify makes create_async and destroy_async return a Promise
// when no callback is given; with a callback they work as before.
Gio._promisify(Cellos.CellBackend.prototype, 'create_async', 'create_finish');
Gio._promisify(Cellos.CellBackend.prototype, 'destroy_async', 'destroy_finish');

test('types/keyword-properties-read-back', () => {
    const document = new Cellos.ExecutionCellDocument({id: 'js-1', argv: ['/bin/true']});
    assertEqual(document.id, 'js-1');
    assertEqual(document.get_argv().join(' '), '/bin/true');
    const handle = new Cellos.CellHandle({cell_id: 'js-1', cgroup_path: '/cellos/js-1'});
    assertEqual(handle.cell_id, 'js-1');
    assertEqual(handle.get_cgroup_path(), '/cellos/js-1');
    const report = new Cellos.TeardownReport({cell_id: 'js-1', destroyed: true, peers_tracked_after: 2});
    assertEqual(report.get_destroyed(), true);
    assertEqual(report.peers_tracked_after, 2);
});

test('testing/fake/is-selected-by-name-and-injects-faults', () => {
    const fake = Cellos.CellBackend.new_for_name('fake');
    assertEqual(fake instanceof CellosTesting.FakeBackend, true);
    fake.add_fail_rule('create', 'db-*', Cellos.Error.TIMED_OUT, 'no boot');
    const error = assertThrowsGError(
        () => fake.create(new Cellos.ExecutionCellDocument({id: 'db-1'}), null),
        Cellos.Error, Cellos.Error.TIMED_OUT);
    assertEqual(error.message, 'no boot');
    assertThrowsGError(() => fake.add_hang_rule('crate', null),
        Gio.IOErrorEnum, Gio.IOErrorEnum.INVALID_ARGUMENT);
    const handle = fake.create(new Cellos.ExecutionCellDocument({id: 'web-1'}), null);
    assertEqual(fake.list_live_cells().join(','), 'web-1');
    fake.destroy(handle, null);
    assertEqual(fake.list_live_cells().length, 0);
});

test('stub/create/returns-handle-with-document-id', () => {
    const stub = new Cellos.StubBackend();
    const handle = stub.create(new Cellos.ExecutionCellDocument({id: 'js-1'}), null);
    assertEqual(handle instanceof Cellos.CellHandle, true);
    assertEqual(handle.get_cell_id(), 'js-1');
    assertEqual(handle.get_cgroup_path(), null);
});

test('stub/destroy/reports-destroyed', () => {
    const stub = new Cellos.StubBackend();
    const report = stub.destroy(new Cellos.CellHandle({cell_id: 'js-1'}), null);
    assertEqual(report.get_cell_id(), 'js-1');
    assertEqual(report.get_destroyed(), true);
    assertEqual(report.get_peers_tracked_after(), 0);
});

test('stub/create/empty-id-is-invalid-spec', () => {
    const stub = new Cellos.StubBackend();
    const error = assertThrowsGError(
        () => stub.create(new Cellos.ExecutionCellDocument({id: ''}), null),
        Cellos.Error, Cellos.Error.INVALID_SPEC);
    assertEqual(error.message, 'spec.id must be non-empty');
    assertEqual(error.domain, Cellos.error_quark());
});

test('stub/create/cancelled-is-cancelled', () => {
    const stub = new Cellos.StubBackend();
    assertThrowsGError(
        () => stub.create(new Cellos.ExecutionCellDocument({id: 'js-1'}), cancelled()),
        Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED);
});

test('stub/create-async/returns-handle-with-document-id', () => {
    const stub = new Cellos.StubBackend();
    const handle = createAsync(stub, new Cellos.ExecutionCellDocument({id: 'js-2'}));
    assertEqual(handle.get_cell_id(), 'js-2');
});

test('stub/destroy-async/reports-destroyed', () => {
    const stub = new Cellos.StubBackend();
    const handle = createAsync(stub, new Cellos.ExecutionCellDocument({id: 'js-2'}));
    const report = destroyAsync(stub, handle);
    assertEqual(report.get_cell_id(), 'js-2');
    assertEqual(report.get_destroyed(), true);
});

test('stub/create-async/empty-id-is-invalid-spec', () => {
    const stub = new Cellos.StubBackend();
    const error = assertThrowsGError(
        () => createAsync(stub, new Cellos.ExecutionCellDocument({id: ''})),
        Cellos.Error, Cellos.Error.INVALID_SPEC);
    assertEqual(error.message, 'spec.id must be non-empty');
});

test('stub/destroy-async/cancelled-is-cancelled', () => {
    const stub = new Cellos.StubBackend();
    assertThrowsGError(
        () => destroyAsync(stub, new Cellos.CellHandle({cell_id: 'js-3'}), cancelled()),
        Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED);
});

test('stub/promise/create-and-destroy-are-awaited', () => {
    const stub = new Cellos.StubBackend();
    const [handle, report] = runPromise((async () => {
        const created = await stub.create_async(new Cellos.ExecutionCellDocument({id: 'js-5'}), null);
        return [created, await stub.destroy_async(created, null)];
    })());
    assertEqual(handle instanceof Cellos.CellHandle, true);
    assertEqual(handle.get_cell_id(), 'js-5');
    assertEqual(report.get_cell_id(), 'js-5');
    assertEqual(report.get_destroyed(), true);
});

test('stub/promise/empty-id-rejects-invalid-spec', () => {
    const stub = new Cellos.StubBackend();
    const error = assertThrowsGError(
        () => runPromise(stub.create_async(new Cellos.ExecutionCellDocument({id: ''}), null)),
        Cellos.Error, Cellos.Error.INVALID_SPEC);
    assertEqual(error.message, 'spec.id must be non-empty');
});

test('stub/promise/cancelled-rejects-cancelled', () => {
    const stub = new Cellos.StubBackend();
    assertThrowsGError(
        () => runPromise(stub.destroy_async(new Cellos.CellHandle({cell_id: 'js-6'}), cancelled())),
        Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED);
});

test('document/bad-json-is-invalid-document', () => {
    const error = assertThrowsGError(
        () => Cellos.ExecutionCellDocument.new_from_data('{"spec": '),
        Cellos.Error, Cellos.Error.INVALID_DOCUMENT);
    assertEqual(error.message.startsWith('1:10: '), true);
});

test('document/to-data-keeps-unknown-members', () => {
    const input = {spec: {id: 'js-4', extra: {deep: [1, 'two']}}, owner: 'ci'};
    const document = Cellos.ExecutionCellDocument.new_from_data(JSON.stringify(input));
    const [text] = document.to_data();
    assertEqual(JSON.stringify(JSON.parse(text)), JSON.stringify(input));
});

print(`1..${tests.length}`);
let failed = 0;
tests.forEach(([name, body], index) => {
    try {
        body();
        print(`ok ${index + 1} - ${name}`);
    } catch (error) {
        failed++;
        print(`not ok ${index + 1} - ${name}`);
        for (const line of `${error}\n${error.stack ?? ''}`.trimEnd().split('\n'))
            print(`# ${line}`);
    }
});
System.exit(failed > 0 ? 1 : 0);
