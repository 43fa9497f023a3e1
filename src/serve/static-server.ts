/**
 * A static file server for the built site: GET and HEAD only, the headers of `_headers` on every response,
 * `directory/` → `directory/index.html`, `directory` → a redirect to `directory/` (relative links in the
 * chapters need the slash), the site's own 404 page, and plain one-line answers for everything that goes
 * wrong: no stack traces, no file system paths.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { headersFor, type HeaderRule } from '../site/headers-file.ts';
import { contentType } from './mime.ts';

/** The longest request head served: a link with 100 kB of state must reach the page. */
export const MAX_HEADER_BYTES = 1024 * 1024;
import { requestPath } from './request-path.ts';

export interface StaticServerOptions {
	/** The folder served as `/` (dist/). */
	root: string;
	/** Rules of the site's `_headers` file, applied by request path. */
	headers: readonly HeaderRule[];
	/** Where to report failures (the message only); nothing of them reaches the client. */
	log?: (line: string) => void;
}

type FileKind = 'file' | 'directory' | null;

async function kindOf(path: string): Promise<FileKind> {
	try {
		const info = await stat(path);
		return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : null;
	} catch {
		return null;
	}
}

/** Creates the server (not listening yet). */
export function createStaticServer({ root, headers, log = () => {} }: StaticServerOptions): Server {
	/** True if `file` is inside the root also after symbolic links are followed. */
	async function insideRoot(file: string): Promise<boolean> {
		const [base, target] = await Promise.all([realpath(root), realpath(file)]);
		return target.startsWith(base + sep);
	}

	function send(res: ServerResponse, status: number, path: string, extra: Record<string, string>, body?: string) {
		for (const [name, value] of headersFor(headers, path)) res.setHeader(name, value);
		for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
		if (body !== undefined) res.setHeader('Content-Length', Buffer.byteLength(body));
		res.writeHead(status);
		res.end(res.req.method === 'HEAD' ? undefined : body);
	}

	function sendText(res: ServerResponse, status: number, path: string, text: string, extra: Record<string, string> = {}) {
		send(res, status, path, { 'Content-Type': 'text/plain; charset=utf-8', ...extra }, `${text}\n`);
	}

	async function sendFile(res: ServerResponse, status: number, path: string, file: string) {
		const { size, mtime } = await stat(file);
		for (const [name, value] of headersFor(headers, path)) res.setHeader(name, value);
		res.writeHead(status, { 'Content-Type': contentType(file), 'Content-Length': size, 'Last-Modified': mtime.toUTCString() });
		if (res.req.method === 'HEAD') return void res.end();
		createReadStream(file)
			.on('error', (error) => {
				log(`read failed: ${error.message}`);
				res.destroy();
			})
			.pipe(res);
	}

	async function notFound(res: ServerResponse, path: string) {
		const page = join(root, '404.html');
		if ((await kindOf(page)) === 'file') return sendFile(res, 404, path, page);
		sendText(res, 404, path, 'Not found');
	}

	async function respond(req: IncomingMessage, res: ServerResponse) {
		const target = req.url ?? '';
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			return sendText(res, 405, '/', 'Method not allowed', { Allow: 'GET, HEAD' });
		}
		const parsed = requestPath(target);
		if (!parsed.ok) return parsed.status === 400 ? sendText(res, 400, '/', 'Bad request') : notFound(res, '/');

		const { segments, directory } = parsed;
		const path = '/' + segments.join('/') + (directory && segments.length > 0 ? '/' : '');
		const full = join(root, ...segments);
		const kind = await kindOf(full);
		const index = join(full, 'index.html');
		if (kind === 'directory' && !directory && (await kindOf(index)) === 'file') {
			// Keep a plain query (a widget's state in the link); anything else is dropped rather than echoed.
			const query = target.slice(target.split(/[?#]/, 1)[0].length).split('#')[0];
			const location = '/' + segments.map(encodeURIComponent).join('/') + '/' + (/^\?[\x21-\x7e]*$/.test(query) ? query : '');
			return sendText(res, 301, path, 'Moved permanently', { Location: location });
		}
		const file = kind === 'directory' && directory ? index : kind === 'file' && !directory ? full : null;
		if (file === null || (await kindOf(file)) !== 'file' || !(await insideRoot(file))) return notFound(res, path);
		return sendFile(res, 200, path, file);
	}

	// Links carry widget state (and, later, code) in their query: accept request lines up to 1 MiB, not 16 kB.
	return createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
		respond(req, res).catch((error: unknown) => {
			log(`${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
			if (res.headersSent) return void res.destroy();
			// Without the rules' headers: they may be what failed.
			for (const name of res.getHeaderNames()) res.removeHeader(name);
			res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
			res.end('Internal server error\n');
		});
	});
}
