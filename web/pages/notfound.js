// pages/notfound.js - any path the router does not know.
import { t } from '../i18n.js';
import { h } from '../dom.js';

export function render(ctx) {
  ctx.root.appendChild(h('section', { class: 'card narrow' },
    h('h1', null, t('notfound.heading')),
    h('p', null, t('notfound.text')),
    h('p', null, h('a', { href: '/' }, t('notfound.home')))));
}
