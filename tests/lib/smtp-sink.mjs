// smtp-sink.mjs - a tiny SMTP server for tests: listens on 127.0.0.1 (a free
// port), accepts every message, and keeps them decoded: the Subject's
// RFC 2047 encoded words (B and Q, UTF-8) and the body's
// Content-Transfer-Encoding (base64, quoted-printable), so tests compare
// Vietnamese text as people read it.
//
//   const sink = await startSmtpSink();
//   ... MOTCUA_SMTP_URL = sink.url ...
//   const m = await sink.waitFor((m) => m.to.includes('a@b.vn') && /Mã/.test(m.subject));
//   await sink.close();
import { createServer } from 'node:net';

function decodeQP(s) {
  const bytes = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(s) {
  return s.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, text) =>
    (enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQP(text.replace(/_/g, ' '))))
    .replace(/\?=\s+=\?/g, '');
}

export function parseMessage(raw) {
  const sep = raw.indexOf('\r\n\r\n');
  const head = sep >= 0 ? raw.slice(0, sep) : raw;
  let body = sep >= 0 ? raw.slice(sep + 4) : '';
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const cte = (headers['content-transfer-encoding'] || '').toLowerCase();
  if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (cte === 'quoted-printable') body = decodeQP(body);
  return { headers, subject: decodeWords(headers.subject || ''), body };
}

export async function startSmtpSink() {
  const messages = [];
  const waiters = [];
  const server = createServer((sock) => {
    let buf = '';
    let inData = false;
    let env = { from: '', to: [] };
    const say = (line) => sock.write(line + '\r\n');
    say('220 motcua-test-sink ESMTP');
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const raw = Buffer.from(buf.slice(0, end), 'latin1').toString('utf8').replace(/\r\n\.\./g, '\r\n.');
          buf = buf.slice(end + 5);
          inData = false;
          const m = { ...parseMessage(raw), from: env.from, to: env.to, raw };
          messages.push(m);
          env = { from: '', to: [] };
          say('250 OK queued');
          for (const w of waiters.splice(0)) w();
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO') { say('250-motcua-test-sink'); say('250 8BITMIME'); }
        else if (cmd === 'HELO') say('250 motcua-test-sink');
        else if (cmd === 'MAIL') { env.from = (/<([^>]*)>/.exec(line) || [])[1] || ''; say('250 OK'); }
        else if (cmd === 'RCPT') { env.to.push((/<([^>]*)>/.exec(line) || [])[1] || ''); say('250 OK'); }
        else if (cmd === 'DATA') { inData = true; say('354 End data with <CR><LF>.<CR><LF>'); }
        else if (cmd === 'QUIT') { say('221 Bye'); sock.end(); return; }
        else if (cmd === 'RSET' || cmd === 'NOOP') say('250 OK');
        else say('502 Command not implemented');
      }
    });
    sock.on('error', () => {});
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    // The first message (past or future) for which pred is true.
    async waitFor(pred, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = messages.find(pred);
        if (m) return m;
        if (Date.now() > deadline) throw new Error(`no matching e-mail; got: ${JSON.stringify(messages.map((x) => [x.to, x.subject]))}`);
        await new Promise((r) => { waiters.push(r); setTimeout(r, 200); });
      }
    },
    close() { return new Promise((r) => server.close(() => r())); },
  };
}
