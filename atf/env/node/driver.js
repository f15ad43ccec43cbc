/*
 * driver.js -- run the wasm suite to the end and produce its KTAP, in node
 * (run-node.js) and in a page (../browser/index.html).
 *
 * A case can kill the whole wasm instance (abort(), exit(), a trap) or
 * wedge it. The driver then reports that case failed with the reason and
 * starts a fresh instance on the cases after it.
 *
 * start(args, onLine) runs one instance with these program arguments and
 * returns { done: Promise of a one-line end reason or null for a normal
 * exit, kill: function }. onLine gets each stdout line as it comes.
 */
'use strict';

/* No new result for this long: the instance is wedged (slow cases: 300 s). */
const RC_STALL_MS = 330 * 1000;

const RESULT = /(not ok|ok) \d+ (\S+)(.*)$/;

/* What stderr said since the last result, as a one-line crash reason. */
function rcLastWords(lines) {
	const l = lines.filter((s) => /\S/.test(s) && !/^\s+at |^Node\.js /.test(s));
	const why = l.find((s) => /^rumpuser: /.test(s)) ||
	    l.find((s) => /Error|Abort/.test(s)) || l[l.length - 1] || '';

	return why.trim().slice(0, 300);
}

async function rcListCases(start) {
	const names = [];
	const end = await start(['--list'], (l) => { if (l !== '') names.push(l); }).done;

	if (end !== null)
		throw new Error('listing the cases failed: ' + end);
	return names;
}

/* One instance on names (all of them when first); returns the results. */
function rcRunOnce(start, names, first, onResult) {
	const got = [];
	let stalled = false, timer, run, ids = null;

	const arm = () => {
		clearTimeout(timer);
		timer = setTimeout(() => { stalled = true; run.kill(); }, RC_STALL_MS);
	};
	run = start(first ? ['wasm'] : ['wasm', ...names], (line) => {
		const m = RESULT.exec(line);

		/* The case's per-ID verdicts come just before its result. */
		if (line.startsWith('# rumpcheck-ids:'))
			ids = line;
		if (m === null || m[2] !== names[got.length])
			return;
		got.push(m[2]);
		onResult(m[1], m[2], m[3], ids);
		ids = null;
		arm();
	});
	arm();
	return run.done.then((end) => {
		clearTimeout(timer);
		return { got, end: stalled ? 'the wasm instance made no ' +
		    'progress for ' + RC_STALL_MS / 1000 + ' s and was stopped' : end };
	});
}

/* Run every case; emit(line) gets the KTAP, one line at a time. */
async function rcDrive(start, emit) {
	const names = await rcListCases(start);
	let rest = names, n = 0, first = true;

	emit('KTAP version 1');
	emit('1..' + names.length);
	while (rest.length > 0) {
		const r = await rcRunOnce(start, rest, first, (ok, name, tail, ids) => {
			if (ids !== null)
				emit(ids);
			emit(ok + ' ' + ++n + ' ' + name + tail);
		});

		first = false;
		rest = rest.slice(r.got.length);
		if (rest.length === 0)
			break;
		emit('not ok ' + ++n + ' ' + rest[0] + ' # [CRASH] ' +
		    (r.end || 'the wasm instance ended before reporting this case')
		    .replace(/[\r\n#]/g, ' '));
		rest = rest.slice(1);
	}
}

if (typeof module !== 'undefined')
	module.exports = { rcDrive, rcLastWords };
