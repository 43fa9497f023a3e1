/**
 * `npm start` / `npm run preview`: serves the built site (dist/) with the headers of dist/_headers.
 *
 *   PORT=4321        port (default 4321)
 *   HOST=localhost   interface to listen on; HOST=0.0.0.0 serves every machine on the network (a classroom)
 *   SITE_DIST=dist   the folder to serve
 */
import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { parseHeaders } from '../src/site/headers-file.ts';
import { createStaticServer } from '../src/serve/static-server.ts';

function fail(message: string): never {
	console.error(`serve: ${message}`);
	process.exit(1);
}

const root = resolve(process.env.SITE_DIST ?? 'dist');
const host = process.env.HOST || 'localhost';
const port = Number(process.env.PORT ?? 4321);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT="${process.env.PORT}" should be a port number (0–65535)`);
if (!existsSync(resolve(root, 'index.html'))) fail(`${root} holds no built site: run \`npm run build\` first`);
const headersFile = resolve(root, '_headers');
if (!existsSync(headersFile)) fail(`${headersFile} is missing: run \`npm run build\` (it is made from public/_headers)`);

let headers;
try {
	headers = parseHeaders(readFileSync(headersFile, 'utf8'));
} catch (error) {
	fail((error as Error).message);
}

const server = createStaticServer({ root, headers, log: (line) => console.error(`serve: ${line}`) });
server.on('error', (error: NodeJS.ErrnoException) =>
	fail(error.code === 'EADDRINUSE' ? `port ${port} is in use; choose another with PORT=…` : error.message),
);
server.listen(port, host, () => {
	const address = server.address();
	const actual = typeof address === 'object' && address ? address.port : port;
	console.log(`Serving ${root} on http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${actual}/`);
	if (host === '0.0.0.0' || host === '::') {
		const lan = Object.values(networkInterfaces())
			.flat()
			.filter((i) => i && i.family === 'IPv4' && !i.internal)
			.map((i) => `http://${i!.address}:${actual}/`);
		if (lan.length > 0) console.log(`On the network: ${lan.join('  ')}`);
	} else {
		console.log('Other machines cannot reach it; HOST=0.0.0.0 npm start serves the whole network.');
	}
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		server.close(() => process.exit(0));
		server.closeAllConnections();
	});
}
