// The sandbox page: polls the sandbox's state and draws it; every action is one POST.
// Plain JavaScript on purpose: nothing to build, nothing for a newcomer to learn.
'use strict';

const $ = (sel) => document.querySelector(sel);
const ui = { me: null, citizen: null, network: 'vk', chatId: null, replyTo: null, staffPhoto: null, citizenPhoto: null, seenForceReply: new Set(), drawn: {} };

async function call(path, body) {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error || `HTTP ${res.status}`);
  return json;
}

function toast(text) {
  const el = $('#toast');
  el.textContent = text;
  el.hidden = !text;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (el.hidden = true), 3000);
}

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** Telegram's entities as HTML: each run of characters wrapped in the entities that cover it. */
function formatted(text, entities) {
  if (!entities || !entities.length) return esc(text);
  const cuts = new Set([0, text.length]);
  for (const e of entities) { cuts.add(e.offset); cuts.add(e.offset + e.length); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    let piece = esc(text.slice(from, to));
    for (const e of entities) {
      if (e.offset > from || e.offset + e.length < to) continue;
      if (e.type === 'bold') piece = `<b>${piece}</b>`;
      else if (e.type === 'italic') piece = `<i>${piece}</i>`;
      else if (e.type === 'code' || e.type === 'pre') piece = `<code>${piece}</code>`;
      else if (e.type === 'underline') piece = `<u>${piece}</u>`;
      else if (e.type === 'strikethrough') piece = `<s>${piece}</s>`;
      else if (e.type === 'text_link' || e.type === 'url') piece = `<a class="deeplink" data-url="${esc(e.url || text.slice(e.offset, e.offset + e.length))}">${piece}</a>`;
    }
    html += piece;
  }
  return html;
}

/** t.me/<bot>?start=<payload> or max.ru/<bot>?start=<payload>: the bot's deep link, which opens the private chat started with <payload>. */
function startPayload(url) {
  const m = /^https?:\/\/(?:t\.me|max\.ru)\/[A-Za-z0-9_]+\?start=([A-Za-z0-9_-]+)/.exec(url);
  return m ? m[1] : null;
}

async function openUrl(url) {
  const payload = startPayload(url);
  if (payload === null) return window.open(url, '_blank', 'noopener');
  ui.chatId = ui.me;
  await call('/api/start', { as: ui.me, payload }).catch((e) => toast(e.message));
  refresh();
}

function readPhoto(input, slot, label) {
  input.addEventListener('change', () => {
    const file = input.files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      ui[slot] = { base64: String(reader.result).split(',')[1], type: file.type || 'image/jpeg' };
      label.classList.add('chosen');
    };
    reader.readAsDataURL(file);
  });
}

function timeText(ms, zone, withDate) {
  const opts = { timeZone: zone, hour: '2-digit', minute: '2-digit' };
  if (withDate) Object.assign(opts, { weekday: 'short', day: 'numeric', month: 'long' });
  return new Intl.DateTimeFormat('ru-RU', opts).format(new Date(ms));
}

function drawOnce(key, value, draw) {
  const json = JSON.stringify(value);
  if (ui.drawn[key] === json) return;
  ui.drawn[key] = json;
  draw();
}

function drawHeader(s) {
  $('#org').textContent = s.organisation;
  $('#clock').textContent = `🕒 ${timeText(s.clock.now, s.clock.zone, true)}`;
  for (const b of document.querySelectorAll('[data-speed]')) b.classList.toggle('active', Number(b.dataset.speed) === s.clock.speed);
  drawOnce('presets', [s.presets, s.profile.id], () => {
    $('#preset').innerHTML = s.presets.map((p) => `<option value="${p.id}"${p.id === s.profile.id ? ' selected' : ''}>${esc(p.id)} — ${esc(p.title)}</option>`).join('');
  });
  drawOnce('messenger', [s.messengers, s.messenger], () => {
    $('#messenger').innerHTML = s.messengers.map((m) => `<option value="${m.id}"${m.id === s.messenger ? ' selected' : ''}>${esc(m.title)}</option>`).join('');
    const current = s.messengers.find((m) => m.id === s.messenger);
    $('#messenger-name').textContent = current ? current.title : s.messenger;
    $('#staff').dataset.messenger = s.messenger;
    $('#max-hint').hidden = s.messenger !== 'max';
  });
  drawOnce('people', s.people, () => {
    const roleNames = { curator: 'куратор', executor: 'исполнитель', head: 'руководитель', duty: 'дежурный', admin: 'администратор' };
    $('#me').innerHTML = s.people.map((p) => `<option value="${p.id}">${esc(p.name)} (${p.roles.map((r) => roleNames[r] || r).join(', ')})</option>`).join('');
    $('#me').value = String(ui.me);
  });
  drawOnce('citizens', s.citizens, () => {
    $('#citizen-who').innerHTML = s.citizens.map((c) => `<option value="${c.id}">${esc(c.name)}</option>`).join('');
    $('#citizen-who').value = String(ui.citizen);
  });
}

function drawChats(s) {
  if (!s.chats.some((c) => c.id === ui.chatId)) ui.chatId = s.chats.find((c) => c.kind === 'group')?.id ?? s.chats[0].id;
  drawOnce('tabs', [s.chats.map((c) => [c.id, c.title, c.messages.length]), ui.chatId], () => {
    $('#chat-tabs').innerHTML = s.chats
      .map((c) => `<button data-chat="${c.id}" class="${c.id === ui.chatId ? 'active' : ''}">${esc(c.title)} <span class="muted">${c.messages.length}</span></button>`)
      .join('');
  });
  const chat = s.chats.find((c) => c.id === ui.chatId);
  // Telegram opens the reply field by itself when the bot asks for an answer (force_reply).
  for (const m of chat.messages) {
    const key = `${chat.id}:${m.id}`;
    if (m.forceReply && !ui.seenForceReply.has(key)) {
      ui.seenForceReply.add(key);
      setReplyTo(m);
    }
  }
  drawOnce('messages', [chat, ui.me], () => {
    const box = $('#messages');
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    const byId = new Map(chat.messages.map((m) => [m.id, m]));
    box.innerHTML = chat.messages
      .map((m) => {
        const quoted = m.replyTo && byId.get(m.replyTo);
        const keyboard = m.buttons.length
          ? `<div class="keyboard">${m.buttons
              .map((row) => `<div class="krow">${row.map((b) => `<button data-msg="${esc(m.id)}" ${b.data ? `data-cb="${esc(b.data)}"` : `data-url="${esc(b.url || '')}"`}>${esc(b.text)}${b.url ? ' ↗' : ''}</button>`).join('')}</div>`)
              .join('')}</div>`
          : '';
        return `<div class="msg${m.mine ? ' mine' : ''}" data-id="${esc(m.id)}">
          <div class="author">${esc(m.author)}</div>
          ${quoted ? `<div class="quote">${esc((quoted.text || '').slice(0, 80))}</div>` : ''}
          ${m.photo ? `<img src="${esc(m.photo)}" alt="фото">` : ''}
          ${m.video ? '<div>🎬 видео</div>' : ''}
          ${m.document ? `<div>📄 ${esc(m.document)}</div>` : ''}
          <div class="text">${formatted(m.text, m.entities)}</div>
          ${keyboard}
          ${m.bot ? `<button class="reply-btn" data-reply="${esc(m.id)}">↩ Ответить</button>` : ''}
          <div class="meta">${m.edited ? 'изменено · ' : ''}${timeText(m.at, s.clock.zone)}</div>
        </div>`;
      })
      .join('');
    if (atBottom) box.scrollTop = box.scrollHeight;
  });
  ui.chat = chat;
}

function setReplyTo(m) {
  ui.replyTo = m ? m.id : null; // a number in Telegram, a string in MAX
  const el = $('#reply-to');
  el.hidden = !m;
  if (m) el.querySelector('span').textContent = `Ответ на: ${(m.text || '').slice(0, 90)}`;
  if (m) $('#staff-text').focus();
}

function drawThreads(s) {
  drawOnce('threads', [s.threads, ui.network], () => {
    const threads = s.threads.filter((t) => t.network === ui.network);
    $('#threads').innerHTML = threads.length
      ? threads
          .map(
            (t) => `<div class="thread"><h3>${esc(t.title)}</h3>${t.messages
              .map((m) => `<div class="cmsg ${m.from}"><div class="who">${m.from === 'citizen' ? 'Житель' : 'Администрация'} · ${timeText(m.at, s.clock.zone)}</div>${m.photo ? `<img src="${esc(m.photo)}" alt="фото">` : ''}<div class="body">${esc(m.text)}</div></div>`)
              .join('')}</div>`,
          )
          .join('')
      : '<p class="muted">Здесь появятся сообщения жителя и ответы администрации.</p>';
  });
}

function drawLessons(s) {
  const roleNames = { curator: 'куратор', executor: 'исполнитель', approver: 'согласующий' };
  drawOnce('lessons', s.lessons, () => {
    $('#lesson-list').innerHTML = s.lessons
      .map((l) => `<div class="lesson${l.done ? ' done' : ''}" data-lesson="${l.id}"><h3>${l.done ? '✅' : '⬜'} ${esc(l.title)}</h3><div class="role">${roleNames[l.role] || l.role}</div><ol>${l.steps.map((x) => `<li>${esc(x)}</li>`).join('')}</ol></div>`)
      .join('');
  });
}

let refreshing = false;
async function refresh() {
  if (refreshing) return;
  refreshing = true;
  try {
    const q = new URLSearchParams();
    if (ui.me) q.set('as', ui.me);
    if (ui.citizen) q.set('citizen', ui.citizen);
    const s = await call(`/api/state?${q}`);
    if (!ui.me) ui.me = s.people.find((p) => p.roles.includes('curator')).id;
    if (!ui.citizen) ui.citizen = s.citizens[0].id;
    drawHeader(s);
    drawChats(s);
    drawThreads(s);
    drawLessons(s);
  } catch (e) {
    $('#clock').textContent = `⏳ ${e.message}`;
  } finally {
    refreshing = false;
  }
}

document.addEventListener('click', async (ev) => {
  const t = ev.target.closest('button, a.deeplink');
  if (!t) return;
  try {
    if (t.dataset.cb) {
      // Telegram numbers its messages, MAX names them (mid.…): the id goes back as the page got it.
      const message = ui.chat.messages.find((m) => String(m.id) === t.dataset.msg);
      const { toast: text } = await call('/api/tap', { as: ui.me, chatId: ui.chatId, messageId: message ? message.id : t.dataset.msg, data: t.dataset.cb });
      if (text) toast(text);
    } else if (t.dataset.url) await openUrl(t.dataset.url);
    else if (t.dataset.reply) setReplyTo(ui.chat.messages.find((m) => String(m.id) === t.dataset.reply));
    else if (t.dataset.chat) ui.chatId = Number(t.dataset.chat);
    else if (t.dataset.network) {
      ui.network = t.dataset.network;
      for (const b of document.querySelectorAll('[data-network]')) b.classList.toggle('active', b === t);
      $('#vk-kind').hidden = ui.network !== 'vk';
    } else if (t.dataset.speed) await call('/api/clock', { speed: Number(t.dataset.speed) });
    else if (t.dataset.jump) await call('/api/clock', { jump: t.dataset.jump });
    else if (t.id === 'reset') {
      if (!confirm('Начать заново? Все сообщения и карточки песочницы будут удалены.')) return;
      toast('Песочница перезапускается…');
      await call('/api/reset', { preset: $('#preset').value, messenger: $('#messenger').value });
      ui.drawn = {};
      ui.seenForceReply.clear();
    } else if (t.id === 'reply-cancel') setReplyTo(null);
    else return;
  } catch (e) {
    toast(e.message);
  }
  refresh();
});

$('#me').addEventListener('change', () => {
  ui.me = Number($('#me').value);
  ui.chatId = null;
  setReplyTo(null);
  refresh();
});
$('#citizen-who').addEventListener('change', () => {
  ui.citizen = Number($('#citizen-who').value);
  refresh();
});

$('#citizen-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const text = $('#citizen-text').value.trim();
  if (!text) return toast('Напишите текст сообщения');
  const kind = ui.network === 'vk' ? document.querySelector('input[name=kind]:checked').value : 'message';
  try {
    await call('/api/citizen', { network: ui.network, kind, author: ui.citizen, text, ...(ui.citizenPhoto ? { photo: ui.citizenPhoto } : {}) });
    $('#citizen-text').value = '';
    ui.citizenPhoto = null;
    $('#citizen-photo').value = '';
    $('#citizen-photo').parentElement.classList.remove('chosen');
    toast('Отправлено');
  } catch (e) {
    toast(e.message);
  }
  refresh();
});

$('#staff-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const text = $('#staff-text').value;
  if (!text.trim() && !ui.staffPhoto) return;
  try {
    await call('/api/say', { as: ui.me, chatId: ui.chatId, text, ...(ui.replyTo ? { replyTo: ui.replyTo } : {}), ...(ui.staffPhoto ? { photo: ui.staffPhoto } : {}) });
    $('#staff-text').value = '';
    ui.staffPhoto = null;
    $('#staff-photo').value = '';
    $('#staff-photo').parentElement.classList.remove('chosen');
    setReplyTo(null);
  } catch (e) {
    toast(e.message);
  }
  refresh();
});
$('#staff-text').addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && !ev.shiftKey) {
    ev.preventDefault();
    $('#staff-form').requestSubmit();
  }
});

readPhoto($('#citizen-photo'), 'citizenPhoto', $('#citizen-photo').parentElement);
readPhoto($('#staff-photo'), 'staffPhoto', $('#staff-photo').parentElement);
refresh();
setInterval(refresh, 800);
