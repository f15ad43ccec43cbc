/*
 * serve.js -- the static server for the browser environment, on loopback:
 *	node serve.js OUTFILE DIR...
 * Serves the files of the DIRs (first match wins) cross-origin isolated,
 * as wasm threads need. The page PUTs its KTAP so far to /ktap after every
 * result and to /ktap?done at the end; OUTFILE is kept current (written
 * atomically) and the server exits once the page is done. It prints its
 * port on stdout.
 */
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const [out, ...dirs] = process.argv.slice(2);
const types = { '.html': 'text/html', '.js': 'text/javascript',
    '.wasm': 'application/wasm' };

function save(text) {
	fs.writeFileSync(out + '.part', text);
	fs.renameSync(out + '.part', out);
}

function serveFile(req, res) {
	const name = path.basename(decodeURIComponent(new URL(req.url,
	    'http://x').pathname)) || 'index.html';
	const file = dirs.map((d) => path.join(d, name)).find((f) => fs.existsSync(f));

	if (file === undefined || !types[path.extname(name)]) {
		res.writeHead(404);
		res.end();
		return;
	}
	res.writeHead(200, { 'Content-Type': types[path.extname(name)],
	    'Cross-Origin-Opener-Policy': 'same-origin',
	    'Cross-Origin-Embedder-Policy': 'require-corp',
	    'Cross-Origin-Resource-Policy': 'same-origin',
	    'Cache-Control': 'no-store' });
	fs.createReadStream(file).pipe(res);
}

const server = http.createServer((req, res) => {
	const body = [];

	if (req.method !== 'PUT') {
		serveFile(req, res);
		return;
	}
	req.on('data', (c) => body.push(c));
	req.on('end', () => {
		save(Buffer.concat(body));
		res.end();
		if (req.url.endsWith('?done'))
			server.close(() => process.exit(0));
	});
});

server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\n'));
