// calendar.test.mjs - the working calendar through the API and the CLI:
// days off, deadlines (the CLI and the API give the same answer), and the
// overrides an admin sets for a unit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, motcua } from '../lib/server.mjs';

let srv, anon, admin;
before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  admin = new Client(srv.base);
  assert.equal((await admin.login('admin')).status, 200);
});
after(async () => { await srv.stop(); });

test('the days off of 2026, with Tết and the compensated Giỗ Tổ', async () => {
  const r = await anon.get('/api/v1/calendar/holidays?year=2026');
  assert.equal(r.status, 200, r.text);
  const off = r.json.days.filter((d) => !d.working).map((d) => d.date);
  for (const d of ['2026-01-01', '2026-02-16', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02'])
    assert.ok(off.includes(d), `${d} is off`);
  const worked = r.json.days.filter((d) => d.working).map((d) => d.date);
  assert.deepEqual(worked, ['2026-01-10'], 'the Saturday worked in exchange for 2 January');
  const gioTo = r.json.days.find((d) => d.date === '2026-04-27');
  assert.equal(gioTo.why, 'compensation');
  assert.match(gioTo.reason_vi, /Giỗ Tổ/);
  assert.equal((await anon.get('/api/v1/calendar/holidays')).status, 400);
  assert.equal((await anon.get('/api/v1/calendar/holidays?year=1800')).status, 400);
});

const body = { from: '2026-02-13 16:59', days: 3 };

test('a deadline across Tết, explained day by day', async () => {
  const r = await anon.post('/api/v1/calendar/deadline', body);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.due, '2026-02-25T16:59:00+07:00');
  assert.equal(r.json.due_utc, '2026-02-25T09:59:00Z');
  assert.equal(r.json.limit_minutes, 3 * 480);
  assert.deepEqual(r.json.skipped.map((d) => d.date),
    ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']);
});

test('received after closing: counting starts at the next opening, and ends at a closing', async () => {
  const r = await anon.post('/api/v1/calendar/deadline', { from: '2026-03-06 17:01', days: 1 });
  assert.equal(r.json.counted_from, '2026-03-06T17:01:00+07:00');
  assert.equal(r.json.due, '2026-03-09T17:00:00+07:00', 'Monday 17:00, not Tuesday 07:00');
});

test('supplements: pause moves the deadline by the paused working time, restart counts again in full', async () => {
  const pause = await anon.post('/api/v1/calendar/deadline', { from: '2026-03-02 08:00', days: 3,
    pauses: [{ from: '2026-03-03 08:00', to: '2026-03-04 08:00' }] });
  assert.equal(pause.json.waited_minutes, 480);
  assert.equal(pause.json.due, '2026-03-06T08:00:00+07:00');
  const restart = await anon.post('/api/v1/calendar/deadline', { from: '2026-03-02 08:00', days: 3, restart_at: '2026-03-04 08:00' });
  assert.equal(restart.json.counted_from, '2026-03-04T08:00:00+07:00');
  assert.equal(restart.json.due, '2026-03-09T08:00:00+07:00');
  const waiting = await anon.post('/api/v1/calendar/deadline', { from: '2026-03-02 08:00', days: 3, pauses: [{ from: '2026-03-03 08:00' }] });
  assert.equal(waiting.json.paused, true);
  assert.equal(waiting.json.due, null, 'no deadline while waiting for the citizen');
});

test('the CLI and the API give the same answer', async () => {
  const cli = motcua(['--db', srv.db, 'calendar', 'deadline', '--from', '2026-02-13 16:59', '--days', '3', '--json']);
  assert.equal(cli.status, 0, cli.stderr);
  const api = await anon.post('/api/v1/calendar/deadline', body);
  assert.deepEqual(JSON.parse(cli.stdout), api.json);
  const cliPause = motcua(['--db', srv.db, 'calendar', 'deadline', '--from', '2026-03-02 08:00', '--hours', '4',
    '--pause', '2026-03-02 09:00/2026-03-02 15:00', '--json']);
  const apiPause = await anon.post('/api/v1/calendar/deadline', { from: '2026-03-02 08:00', hours: 4,
    pauses: [{ from: '2026-03-02 09:00', to: '2026-03-02 15:00' }] });
  assert.deepEqual(JSON.parse(cliPause.stdout), apiPause.json);
  const cliHol = motcua(['--db', srv.db, 'calendar', 'holidays', '2025', '--json']);
  assert.deepEqual(JSON.parse(cliHol.stdout), (await anon.get('/api/v1/calendar/holidays?year=2025')).json);
});

test('bad deadline requests say what is wrong', async () => {
  const r1 = await anon.post('/api/v1/calendar/deadline', { from: '13/02/2026', days: 3 });
  assert.equal(r1.status, 400);
  assert.equal(r1.json.error.field, 'from');
  const r2 = await anon.post('/api/v1/calendar/deadline', { from: '2026-02-13 10:00', days: 3, hours: 2 });
  assert.equal(r2.status, 400);
  const r3 = await anon.post('/api/v1/calendar/deadline', { from: '2026-02-13 10:00', days: 3, unit: 'nowhere' });
  assert.equal(r3.status, 400);
  assert.equal(r3.json.error.field, 'unit');
});

test('an admin adds a day off for one commune; its deadlines move, others do not', async () => {
  const desk = new Client(srv.base);
  await desk.login('anthanh.motcua');
  const o = { unit: 'anthanh', date: '2026-03-03', kind: 'off', reason_vi: 'Nghỉ bầu cử bổ sung', source: 'QĐ 12/QĐ-UBND' };
  assert.equal((await desk.post('/api/v1/calendar/overrides', o)).status, 403);
  const put = await admin.post('/api/v1/calendar/overrides', o);
  assert.equal(put.status, 201, put.text);
  // the answer is the stored override, as the list shows it (reason_en and
  // source as kept, not an echo of the request)
  assert.deepEqual(put.json, { unit: 'anthanh', date: '2026-03-03', kind: 'off', reason_vi: 'Nghỉ bầu cử bổ sung',
    reason_en: '', source: 'QĐ 12/QĐ-UBND' });
  const q = { from: '2026-03-02 08:00', days: 3 };
  assert.equal((await anon.post('/api/v1/calendar/deadline', q)).json.due, '2026-03-05T08:00:00+07:00');
  const local = await anon.post('/api/v1/calendar/deadline', { ...q, unit: 'anthanh' });
  assert.equal(local.json.due, '2026-03-06T08:00:00+07:00');
  assert.equal(local.json.skipped[0].reason_vi, 'Nghỉ bầu cử bổ sung');
  // the commune's desk is below the commune: the same calendar applies
  assert.equal((await anon.post('/api/v1/calendar/deadline', { ...q, unit: 'anthanh.motcua' })).json.due, local.json.due);
  const list = await admin.get('/api/v1/calendar/overrides?unit=anthanh');
  assert.deepEqual(list.json.overrides.map((x) => x.date), ['2026-03-03']);
  assert.deepEqual(list.json.overrides[0], put.json);
  // writing the same day again replaces it; the answer says what is kept now
  const again = await admin.post('/api/v1/calendar/overrides', { ...o, kind: 'work', reason_en: 'Make-up working day' });
  assert.equal(again.status, 201, again.text);
  assert.equal(again.json.kind, 'work');
  assert.equal(again.json.reason_en, 'Make-up working day');
  assert.deepEqual((await admin.get('/api/v1/calendar/overrides?unit=anthanh')).json.overrides, [again.json]);
  assert.equal((await admin.post('/api/v1/calendar/overrides', o)).status, 201);
  const del = await admin.req('DELETE', '/api/v1/calendar/overrides?unit=anthanh&date=2026-03-03');
  assert.equal(del.status, 200, del.text);
  assert.equal((await anon.post('/api/v1/calendar/deadline', { ...q, unit: 'anthanh' })).json.due, '2026-03-05T08:00:00+07:00');
  assert.equal((await admin.req('DELETE', '/api/v1/calendar/overrides?unit=anthanh&date=2026-03-03')).status, 404);
});

test('importing an iCalendar file of days off; a bad file changes nothing', async () => {
  const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260310', 'SUMMARY:Nghỉ lễ hội địa phương',
    'X-MOTCUA-KIND:off', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  const r = await admin.post('/api/v1/calendar/import', { unit: 'yahoi', format: 'ics', content: ics });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.days, 1);
  const hol = await anon.get('/api/v1/calendar/holidays?year=2026&unit=yahoi');
  assert.ok(hol.json.days.some((d) => d.date === '2026-03-10' && !d.working));
  const bad = await admin.post('/api/v1/calendar/import', { unit: 'yahoi', format: 'csv', content: 'date,kind\n2026-13-45,off\n' });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error.message, /[Dd]òng 2/);
});

test('office hours per unit: Saturday mornings at a commune move its deadlines', async () => {
  const def = await anon.get('/api/v1/units/tanan/office-hours');
  assert.equal(def.status, 200, def.text);
  assert.equal(def.json.hours.mon, '07:00-11:30,13:30-17:00');
  assert.equal(def.json.hours.sat, '');
  assert.equal(def.json.set_by, null);
  const bad = await admin.req('PUT', '/api/v1/units/tanan/office-hours', { sat: '11:30-07:00' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'sat');
  const desk = new Client(srv.base);
  await desk.login('anthanh.motcua');
  assert.equal((await desk.req('PUT', '/api/v1/units/tanan/office-hours', { sat: '07:00-11:30' })).status, 403);
  const put = await admin.req('PUT', '/api/v1/units/tanan/office-hours', { sat: '07:00-11:30' });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.hours.sat, '07:00-11:30');
  assert.equal((await anon.get('/api/v1/units/tanan.motcua/office-hours')).json.set_by, 'tanan', 'the desk inherits');
  // Friday 16:00 + 4 working hours: Monday 10:00 normally; Saturday 10:30 at Tân An
  const q = { from: '2026-03-06 16:00', hours: 4 };
  assert.equal((await anon.post('/api/v1/calendar/deadline', q)).json.due, '2026-03-09T10:00:00+07:00');
  assert.equal((await anon.post('/api/v1/calendar/deadline', { ...q, unit: 'tanan' })).json.due, '2026-03-07T10:00:00+07:00');
  const clear = await admin.req('PUT', '/api/v1/units/tanan/office-hours', {});
  assert.equal(clear.json.set_by, null);
  assert.equal((await anon.post('/api/v1/calendar/deadline', { ...q, unit: 'tanan' })).json.due, '2026-03-09T10:00:00+07:00');
});
