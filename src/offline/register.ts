/**
 * Loaded by every page (dist/offline.js, built by ./service-worker-build.ts): registers the service worker
 * and, when a new build has been installed beside the one in use, tells the reader "A new version of this
 * book is ready" with a "Reload" button.
 *
 * Why the reader decides: until the new worker activates, the old one serves the old pages with the old
 * assets, so a page never meets a bundle of another build. "Reload" activates the new worker and reloads;
 * other open tabs of the book reload when the new worker takes them over, because a page of the old build
 * could otherwise ask the new worker for an old bundle it no longer has. Without a click, the new version
 * starts at the next visit after every tab of the book is closed.
 */

const WORKER_URL = '/sw.js';
/** The message Workbox's generated worker answers with `skipWaiting()`. */
const SKIP_WAITING = { type: 'SKIP_WAITING' };

const LABELS = {
	en: { ready: 'A new version of this book is ready', reload: 'Reload', later: 'Later' },
	'zh-CN': { ready: '本书的新版本已准备好', reload: '重新加载', later: '稍后' },
} as const;

type Labels = (typeof LABELS)[keyof typeof LABELS];

function labelsFor(lang: string): { lang: string; labels: Labels } {
	return lang.toLowerCase().startsWith('zh') ? { lang: 'zh-CN', labels: LABELS['zh-CN'] } : { lang: 'en', labels: LABELS.en };
}

/** Styles as a constructed sheet: the page's policy allows no `<style>` element added at run time. */
const NOTICE_CSS = `
.cs-update {
	position: fixed; inset-inline: 1rem; inset-block-end: 1rem; z-index: 1000;
	margin-inline: auto; max-inline-size: 32rem;
	display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem;
	padding: 0.75rem 1rem; border: 1px solid var(--sl-color-gray-5, #888); border-radius: 0.5rem;
	background: var(--sl-color-bg-nav, Canvas); color: var(--sl-color-white, CanvasText);
	box-shadow: var(--sl-shadow-md, 0 2px 8px rgb(0 0 0 / 0.25)); font-size: var(--sl-text-sm, 0.875rem);
}
.cs-update p { margin: 0; flex: 1 1 14rem; }
.cs-update button {
	font: inherit; padding: 0.4rem 0.9rem; border-radius: 0.25rem; cursor: pointer;
	border: 1px solid var(--sl-color-text-accent, Highlight);
}
/* Starlight's primary button: contrast holds in both themes. */
.cs-update .cs-update-reload { background: var(--sl-color-text-accent, Highlight); color: var(--sl-color-black, HighlightText); }
.cs-update .cs-update-later { background: transparent; color: inherit; }
.cs-update button:focus-visible { outline: 2px solid var(--sl-color-text-accent, Highlight); outline-offset: 2px; }
@media print { .cs-update { display: none; } }
`;

let noticeShown = false;

/** Shows the notice once; "Reload" asks `waiting` to take over, which reloads every tab (see below). */
function offerUpdate(waiting: ServiceWorker): void {
	if (noticeShown) return;
	noticeShown = true;
	const { lang, labels } = labelsFor(document.documentElement.lang);
	const sheet = new CSSStyleSheet();
	sheet.replaceSync(NOTICE_CSS);
	document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

	const notice = document.createElement('div');
	notice.className = 'cs-update';
	notice.lang = lang;
	// A status region: announced without moving the reader's focus from what they are doing.
	notice.setAttribute('role', 'status');
	const text = document.createElement('p');
	text.textContent = labels.ready;
	const reload = document.createElement('button');
	reload.type = 'button';
	reload.className = 'cs-update-reload';
	reload.textContent = labels.reload;
	reload.addEventListener('click', () => {
		reload.disabled = true;
		waiting.postMessage(SKIP_WAITING);
	});
	const later = document.createElement('button');
	later.type = 'button';
	later.className = 'cs-update-later';
	later.textContent = labels.later;
	later.addEventListener('click', () => notice.remove());
	notice.append(text, reload, later);
	document.body.append(notice);
}

async function register(): Promise<void> {
	const container = navigator.serviceWorker;
	// A page first opened without a worker is taken over by the first one (clientsClaim): not an update.
	let controlled = container.controller !== null;
	container.addEventListener('controllerchange', () => {
		if (controlled) location.reload();
		controlled = true;
	});
	const registration = await container.register(WORKER_URL, { scope: '/' });
	if (registration.waiting && container.controller) offerUpdate(registration.waiting);
	// A tab left open through a lesson also finds a new build when the reader comes back to it.
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') registration.update().catch(() => {}); // offline: try next time
	});
	registration.addEventListener('updatefound', () => {
		const installing = registration.installing;
		installing?.addEventListener('statechange', () => {
			if (installing.state === 'installed' && container.controller) offerUpdate(installing);
		});
	});
}

if ('serviceWorker' in navigator) {
	register().catch((error: unknown) => console.warn('Offline copy unavailable:', error));
}
