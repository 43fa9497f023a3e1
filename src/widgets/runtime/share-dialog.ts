/**
 * The Share dialog of every widget and of presenter mode: it copies the link (saying "Link copied." or, when
 * the clipboard refuses, asking the reader to copy the selected field) and shows the link as a QR code, an SVG
 * drawn by uqr at 70 % of the viewport's smaller side, so a phone at the back of a classroom can read it.
 * One dialog per page, made on first use; a modal <dialog>, so it sits above a full-screen widget too.
 */
import { renderSVG } from 'uqr';
import { CLASSROOM_TEXT, LINK_TEXT, type WidgetLang } from '../shared/labels.ts';

let dialog: HTMLDialogElement | undefined;

export async function openShareDialog(link: string, lang: WidgetLang): Promise<void> {
  const text = CLASSROOM_TEXT[lang];
  const box = dialog ?? (dialog = makeDialog());
  // The dialog goes where the full-screen element (if any) is, so it is shown in full screen too.
  const host = document.fullscreenElement ?? document.body;
  if (box.parentElement !== host) host.append(box);
  box.lang = lang === 'zh-cn' ? 'zh-CN' : 'en';
  box.querySelector('[data-share-title]')!.textContent = text.shareTitle;
  box.querySelector('[data-share-field-label]')!.textContent = text.linkField;
  box.querySelector('[data-share-close]')!.textContent = text.close;
  const qr = box.querySelector<HTMLElement>('[data-share-qr]')!;
  qr.setAttribute('aria-label', text.qrLabel);
  // Medium error correction and a four-module quiet zone: readable from a projected screen.
  qr.innerHTML = renderSVG(link, { ecc: 'M', border: 4 });
  const field = box.querySelector<HTMLInputElement>('[data-share-link]')!;
  field.value = link;
  const status = box.querySelector<HTMLElement>('[data-share-status]')!;
  status.textContent = '';
  if (!box.open) box.showModal();
  box.querySelector<HTMLButtonElement>('[data-share-close]')!.focus();
  try {
    await navigator.clipboard.writeText(link);
    status.textContent = LINK_TEXT[lang].copied;
  } catch {
    status.textContent = LINK_TEXT[lang].copyFailed;
    field.focus();
    field.select();
  }
}

function makeDialog(): HTMLDialogElement {
  const box = document.createElement('dialog');
  box.className = 'share-dialog';
  box.setAttribute('aria-labelledby', 'share-dialog-title');
  box.innerHTML = `
    <h2 id="share-dialog-title" data-share-title></h2>
    <div class="share-qr" role="img" data-share-qr></div>
    <label class="share-field"><span data-share-field-label></span>
      <input type="text" readonly data-share-link /></label>
    <p class="share-status" role="status" data-share-status></p>
    <button type="button" class="w-button" data-share-close></button>`;
  box.querySelector('[data-share-close]')!.addEventListener('click', () => box.close());
  // A click on the backdrop (the dialog element itself, outside its content) closes it as well.
  box.addEventListener('click', (event) => {
    if (event.target === box) box.close();
  });
  return box;
}
