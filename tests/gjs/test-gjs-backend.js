// test-gjs-backend.js: a cell backend written in JavaScript, registered
// in process and used through the registry
//
// What gjs can implement of Cellos.CellBackend: the synchronous virtual
// methods, called from the JavaScript thread. gjs refuses to implement a
// virtual method that takes a callback (create_async), and does not run
// JavaScript from any other thread, where the interface's default
// create_async runs the synchronous create: an asynchronous call on a gjs
// backend fails on gjs 1.74 and crashes gjs 1.82, so docs/usage.md says
// never to make one, and these tests pin what works.
//
// Writes TAP, one line per test case, for automake's tap-driver.sh.
//
// Copyright 2026 The CellOS authors
// SPDX-License-Identifier: LGPL-2.1-or-later

imports.gi.versions.Cellos = '1.0';
imports.gi.versions.Gio = '2.0';
imports.gi.versions.GLib = '2.0';
imports.gi.versions.GObject = '2.0';
const {Cellos, Gio, GLib, GObject} = imports.gi;
const System = imports.system;

const tests = [];

function test(name, body) {
    tests.push([name, body]);
}

function assertEqual(actual, expected) {
    if (actual !== expected)
        throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

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

// A backend that keeps the cells it made, as a real one would.
const JsBackend = GObject.registerClass({
    GTypeName: 'CellosTestJsBackend',
    Implements: [Cellos.CellBackend],
}, class JsBackend extends GObject.Object {
    _init(params = {}) {
        super._init(params);
        this.live = new Set();
    }

    vfunc_create(document, cancellable) {
        if (cancellable)
            cancellable.set_error_if_cancelled();
        if (!document.id) {
            throw new GLib.Error(Cellos.Error, Cellos.Error.INVALID_SPEC,
                'spec.id must be non-empty');
        }
        if (this.live.has(document.id)) {
            throw new GLib.Error(Cellos.Error, Cellos.Error.ALREADY_EXISTS,
                `cell ${document.id} exists`);
        }
        this.live.add(document.id);
        return new Cellos.CellHandle({cell_id: document.id});
    }

    vfunc_destroy(handle, cancellable) {
        if (cancellable)
            cancellable.set_error_if_cancelled();
        if (!this.live.delete(handle.cell_id)) {
            throw new GLib.Error(Cellos.Error, Cellos.Error.NOT_FOUND,
                `no cell ${handle.cell_id}`);
        }
        return new Cellos.TeardownReport({cell_id: handle.cell_id, destroyed: true});
    }
});

const NAME = 'js-test';

test('registry/registers-in-process', () => {
    assertEqual(Cellos.CellBackend.register(JsBackend.$gtype, NAME, -40), true);
    assertEqual(Cellos.CellBackend.list_names().includes(NAME), true);
    const [found, priority] = Cellos.CellBackend.lookup_name(NAME);
    assertEqual(found, true);
    assertEqual(priority, -40);
    assertEqual(Cellos.CellBackend.priority_isolates(priority), false);
});

test('registry/name-is-owned', () => {
    assertThrowsGError(() => Cellos.CellBackend.register(JsBackend.$gtype, 'stub', -40),
        Cellos.Error, Cellos.Error.ALREADY_EXISTS);
});

test('create-and-destroy/through-the-registry', () => {
    const backend = Cellos.CellBackend.new_for_name(NAME);
    assertEqual(backend instanceof JsBackend, true);
    const handle = backend.create(new Cellos.ExecutionCellDocument({id: 'js-1'}), null);
    assertEqual(handle.cell_id, 'js-1');
    assertEqual(backend.live.has('js-1'), true);
    const report = backend.destroy(handle, null);
    assertEqual(report.cell_id, 'js-1');
    assertEqual(report.destroyed, true);
    assertEqual(backend.live.size, 0);
});

test('create/errors-reach-the-caller-in-their-domain', () => {
    const backend = Cellos.CellBackend.new_for_name(NAME);
    assertThrowsGError(() => backend.create(new Cellos.ExecutionCellDocument({id: ''}), null),
        Cellos.Error, Cellos.Error.INVALID_SPEC);
    const handle = backend.create(new Cellos.ExecutionCellDocument({id: 'js-2'}), null);
    assertThrowsGError(() => backend.create(new Cellos.ExecutionCellDocument({id: 'js-2'}), null),
        Cellos.Error, Cellos.Error.ALREADY_EXISTS);
    backend.destroy(handle, null);
    assertThrowsGError(() => backend.destroy(handle, null),
        Cellos.Error, Cellos.Error.NOT_FOUND);
});

test('create/cancelled-before-the-call-is-cancelled', () => {
    const backend = Cellos.CellBackend.new_for_name(NAME);
    const cancellable = new Gio.Cancellable();
    cancellable.cancel();
    assertThrowsGError(() => backend.create(new Cellos.ExecutionCellDocument({id: 'js-3'}), cancellable),
        Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED);
    assertEqual(backend.live.size, 0);
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
