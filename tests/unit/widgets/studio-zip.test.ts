import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, zipBytes } from '../../../src/widgets/studio/zip.ts';

const encode = (s: string) => new TextEncoder().encode(s);

test('crc32 gives the standard check value and changes with one bit', () => {
  assert.equal(crc32(encode('123456789')), 0xcbf43926); // the CRC-32/ISO-HDLC check value
  assert.equal(crc32(new Uint8Array(0)), 0);
  assert.notEqual(crc32(encode('123456788')), 0xcbf43926);
});

/** Reads a stored-only archive back through its central directory, as an unzip tool does. */
function unzip(bytes: Uint8Array): { name: string; data: Uint8Array; crc: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  assert.equal(view.getUint32(end, true), 0x06054b50, 'end of central directory record');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out = [];
  for (let k = 0; k < count; k++) {
    assert.equal(view.getUint32(at, true), 0x02014b50, `central header ${k}`);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    assert.equal(view.getUint32(local, true), 0x04034b50, `local header of ${name}`);
    const localName = view.getUint16(local + 26, true);
    const start = local + 30 + localName + view.getUint16(local + 28, true);
    out.push({ name, data: bytes.subarray(start, start + size), crc });
    at += 46 + nameLength;
  }
  return out;
}

test('zipBytes writes an archive whose central directory finds every file, UTF-8 names included', () => {
  const files = [
    { name: 'continue_training.py', data: encode('print("hi")\n') },
    { name: 'model.json', data: encode('{"format":"x"}') },
    { name: '语料.txt', data: encode('细胞状态 🙂') },
    { name: 'empty.txt', data: new Uint8Array(0) },
  ];
  const back = unzip(zipBytes(files));
  assert.deepEqual(back.map((f) => f.name), files.map((f) => f.name));
  back.forEach((f, k) => {
    assert.deepEqual([...f.data], [...files[k].data], f.name);
    assert.equal(f.crc, crc32(files[k].data), `${f.name} CRC`);
  });
});
