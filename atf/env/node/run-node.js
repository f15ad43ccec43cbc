/*
 * run-node.js -- run the wasm suite under node and print its KTAP:
 *	node run-node.js BUILDDIR
 * Each instance is a child node process; its stderr passes through.
 */
'use strict';

const { spawn } = require('child_process');
const path = require('path');
const readline = require('readline');
const { rcDrive, rcLastWords } = require('./driver.js');

const prog = path.join(process.argv[2], 'rc_ktap.js');

function start(args, onLine) {
	const child = spawn(process.execPath, ['--no-experimental-fetch', prog, ...args],
	    { stdio: ['ignore', 'pipe', 'pipe'] });
	const err = [];
	const out = readline.createInterface({ input: child.stdout });

	out.on('line', (l) => {
		if (/ok \d+ /.test(l))
			err.length = 0;
		onLine(l);
	});
	readline.createInterface({ input: child.stderr }).on('line', (l) => {
		process.stderr.write(l + '\n');
		err.push(l);
		if (err.length > 50)
			err.shift();
	});
	const done = new Promise((resolve) => {
		child.on('close', (code, sig) => {
			const why = rcLastWords(err);

			if (code === 0 || code === 1)	/* 1: some case failed */
				resolve(null);
			else
				resolve((sig !== null ? 'killed by ' + sig :
				    'node exited with ' + code) + (why ? ': ' + why : ''));
		});
	});
	return { done, kill: () => child.kill('SIGKILL') };
}

rcDrive(start, (line) => process.stdout.write(line + '\n')).catch((e) => {
	process.stderr.write('run-node: ' + e.message + '\n');
	process.exit(2);
});
