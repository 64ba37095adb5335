// test-release-1-0-backend.js: a cell backend written in JavaScript as
// for libcellos 1.0.0, through gjs
//
// The synchronous virtual methods, called through create and destroy; and
// vfunc_create_async/vfunc_create_finish written as for 1.0.0's
// introspection data, (document, cancellable, callback), through
// create_async and the synchronous create built on it. gjs versions that
// cannot implement a virtual method taking a callback (1.74 and 1.82, as
// in Debian 12 and 13) refuse the class, with 1.0.0's introspection data
// as with today's; there the one case checks that it is refused for that
// reason and no other. Writes TAP.
//
// Copyright 2026 The CellOS authors
// SPDX-License-Identifier: LGPL-2.1-or-later

imports.gi.versions.Cellos = '1.0';
imports.gi.versions.Gio = '2.0';
imports.gi.versions.GLib = '2.0';
const {Cellos, Gio, GLib, GObject} = imports.gi;
const System = imports.system;

const TIMEOUT_SECONDS = 10;

function assertEqual(actual, expected) {
    if (actual !== expected)
        throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const SyncBackend = GObject.registerClass({
    GTypeName: 'CellosTestGjsSyncBackend',
    Implements: [Cellos.CellBackend],
}, class SyncBackend extends GObject.Object {
    vfunc_create(document, _cancellable) {
        return new Cellos.CellHandle({cell_id: document.id});
    }

    vfunc_destroy(handle, _cancellable) {
        return new Cellos.TeardownReport({cell_id: handle.cell_id, destroyed: true});
    }
});

function defineAsyncBackend() {
    return GObject.registerClass({
        GTypeName: 'CellosTestGjsAsyncBackend',
        Implements: [Cellos.CellBackend],
    }, class AsyncBackend extends GObject.Object {
        vfunc_create_async(document, cancellable, callback) {
            const task = Gio.Task.new(this, cancellable, callback);
            task.return_value(new Cellos.CellHandle({cell_id: document.id}));
        }

        vfunc_create_finish(result) {
            return result.propagate_value()[1];
        }
    });
}

const results = [];
let cases = 0;

function check(name, body) {
    cases++;
    try {
        body();
        results.push(`ok ${cases} - ${name}`);
    } catch (error) {
        results.push(`not ok ${cases} - ${name}`);
        for (const line of `${error}\n${error.stack ?? ''}`.trimEnd().split('\n'))
            results.push(`# ${line}`);
    }
}

check('gjs-backend/sync/create-and-destroy', () => {
    const backend = new SyncBackend();
    const handle = backend.create(Cellos.ExecutionCellDocument.new('js-1'), null);
    assertEqual(handle.cell_id, 'js-1');
    const report = backend.destroy(handle, null);
    assertEqual(report.cell_id, 'js-1');
    assertEqual(report.destroyed, true);
});

let AsyncBackend = null;
let refusal = null;
try {
    AsyncBackend = defineAsyncBackend();
} catch (error) {
    if (!/not supported/.test(`${error}`))
        throw error;
    refusal = `${error}`.replace(/\s+/g, ' ');
}

const version = `${Math.floor(System.version / 10000)}.${Math.floor(System.version / 100) % 100}.${System.version % 100}`;
if (AsyncBackend === null) {
    // What such a gjs did with 1.0.0's introspection data too: it refuses
    // the class for the callback parameter, the same for both.
    check('gjs-backend/async-1.0.0-style/refused-for-its-callback', () => {
        assertEqual(/VFunc create_async accepts another callback as a parameter/.test(refusal), true);
    });
    results.push(`# gjs ${version}: ${refusal}`);
} else {
    check('gjs-backend/async-1.0.0-style/create-async', () => {
        const backend = new AsyncBackend();
        const loop = new GLib.MainLoop(null, false);
        let cellId = null;
        backend.create_async(Cellos.ExecutionCellDocument.new('js-2'), null, (source, result) => {
            cellId = source.create_finish(result).cell_id;
            loop.quit();
        });
        const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, TIMEOUT_SECONDS, () => {
            loop.quit();
            return GLib.SOURCE_REMOVE;
        });
        loop.run();
        if (cellId === null)
            throw new Error(`no callback within ${TIMEOUT_SECONDS} seconds`);
        GLib.source_remove(timeout);
        assertEqual(cellId, 'js-2');
    });
    check('gjs-backend/async-1.0.0-style/create', () => {
        const backend = new AsyncBackend();
        assertEqual(backend.create(Cellos.ExecutionCellDocument.new('js-3'), null).cell_id, 'js-3');
    });
}

print(`1..${cases}`);
results.forEach(line => print(line));
System.exit(results.some(line => line.startsWith('not ok')) ? 1 : 0);
