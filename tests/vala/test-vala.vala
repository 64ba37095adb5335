/* test-vala.vala: Cellos from Vala, through cellos-1.0.vapi
 *
 * Creates and destroys cells on the stub and the fake backend, with the
 * blocking calls and with the asynchronous ones awaited by yield, and
 * catches the library's errors in their error domain.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

void test_stub_create_and_destroy () {
  var stub = new Cellos.StubBackend ();
  try {
    var handle = stub.create (new Cellos.ExecutionCellDocument ("vala-1"));
    assert_cmpstr (handle.cell_id, CompareOperator.EQ, "vala-1");
    assert_null (handle.cgroup_path);
    var report = stub.destroy (handle);
    assert_cmpstr (report.cell_id, CompareOperator.EQ, "vala-1");
    assert_true (report.destroyed);
  } catch (GLib.Error error) {
    assert_no_error (error);
  }
}

void test_stub_empty_id_is_invalid_spec () {
  var stub = new Cellos.StubBackend ();
  try {
    stub.create (new Cellos.ExecutionCellDocument (""));
    assert_not_reached ();
  } catch (Cellos.Error.INVALID_SPEC error) {
    assert_true (error.matches (Cellos.Error.quark (), Cellos.Error.INVALID_SPEC));
  } catch (GLib.Error error) {
    assert_no_error (error);
  }
}

/* Creates a cell and destroys it again, awaiting each call with yield. */
async Cellos.TeardownReport lifecycle (Cellos.CellBackend backend,
                                      string            id,
                                      out Cellos.CellHandle handle,
                                      out uint          live_between) throws GLib.Error {
  handle = yield backend.create_async (new Cellos.ExecutionCellDocument (id));
  live_between = (backend is Cellos.FakeBackend) ? ((Cellos.FakeBackend) backend).live_cells : 0;
  return yield backend.destroy_async (handle, null);
}

/* Runs lifecycle() on the main loop until it ends. */
Cellos.TeardownReport run_lifecycle (Cellos.CellBackend backend,
                                     string            id,
                                     out Cellos.CellHandle handle,
                                     out uint          live_between) {
  var loop = new MainLoop ();
  Cellos.TeardownReport? report = null;
  Cellos.CellHandle? made = null;
  uint live = 0;
  lifecycle.begin (backend, id, (source, result) => {
    try {
      report = lifecycle.end (result, out made, out live);
    } catch (GLib.Error error) {
      assert_no_error (error);
    }
    loop.quit ();
  });
  loop.run ();
  handle = made;
  live_between = live;
  return report;
}

void test_stub_yield_create_async () {
  Cellos.CellHandle handle;
  uint live;
  var report = run_lifecycle (new Cellos.StubBackend (), "vala-async", out handle, out live);
  assert_cmpstr (handle.cell_id, CompareOperator.EQ, "vala-async");
  assert_cmpstr (report.cell_id, CompareOperator.EQ, "vala-async");
  assert_true (report.destroyed);
}

void test_fake_yield_create_async_keeps_the_cell () {
  var fake = new Cellos.FakeBackend ();
  Cellos.CellHandle handle;
  uint live;
  var report = run_lifecycle (fake, "vala-fake", out handle, out live);
  assert_cmpstr (handle.cell_id, CompareOperator.EQ, "vala-fake");
  assert_cmpuint (live, CompareOperator.EQ, 1);
  assert_true (report.destroyed);
  assert_cmpuint (fake.live_cells, CompareOperator.EQ, 0);
  assert_cmpuint (fake.list_live_cells ().length, CompareOperator.EQ, 0);
}

void test_fake_second_destroy_is_not_found () {
  var fake = new Cellos.FakeBackend ();
  try {
    var handle = fake.create (new Cellos.ExecutionCellDocument ("vala-twice"));
    fake.destroy (handle);
    fake.destroy (handle);
    assert_not_reached ();
  } catch (Cellos.Error.NOT_FOUND error) {
    assert_cmpuint (fake.live_cells, CompareOperator.EQ, 0);
  } catch (GLib.Error error) {
    assert_no_error (error);
  }
}

/* Starts a create that hangs, cancels it 20 ms later and tells whether it
 * failed as cancelled. The cancellable is not a parameter: valac makes a
 * Cancellable parameter the coroutine's own, whose result would then be
 * the cancellation too. */
async bool create_until_cancelled (Cellos.CellBackend backend) {
  var cancellable = new Cancellable ();
  Timeout.add (20, () => {
    cancellable.cancel ();
    return Source.REMOVE;
  });
  try {
    yield backend.create_async (new Cellos.ExecutionCellDocument ("hung-1"), cancellable);
  } catch (IOError.CANCELLED error) {
    return true;
  } catch (GLib.Error error) {
    assert_no_error (error);
  }
  return false;
}

void test_fake_hang_cancelled_by_cancellable () {
  var fake = new Cellos.FakeBackend ();
  try {
    fake.add_hang_rule ("create", "hung-*");
  } catch (GLib.Error error) {
    assert_no_error (error);
  }
  var loop = new MainLoop ();
  var cancelled = false;
  create_until_cancelled.begin (fake, (source, result) => {
    cancelled = create_until_cancelled.end (result);
    loop.quit ();
  });
  loop.run ();
  assert_true (cancelled);
  assert_cmpuint (fake.live_cells, CompareOperator.EQ, 0);
}

int main (string[] args) {
  Test.init (ref args);
  Test.add_func ("/vala/stub/create-and-destroy", test_stub_create_and_destroy);
  Test.add_func ("/vala/stub/empty-id-is-invalid-spec", test_stub_empty_id_is_invalid_spec);
  Test.add_func ("/vala/stub/yield-create-async", test_stub_yield_create_async);
  Test.add_func ("/vala/fake/yield-create-async-keeps-the-cell", test_fake_yield_create_async_keeps_the_cell);
  Test.add_func ("/vala/fake/second-destroy-is-not-found", test_fake_second_destroy_is_not_found);
  Test.add_func ("/vala/fake/hang-cancelled-by-cancellable", test_fake_hang_cancelled_by_cancellable);
  return Test.run ();
}
