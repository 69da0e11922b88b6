// @ts-check
// Hearings (R7, Decree 713 Art. 16–17) in the decision page's 公众参与 section: the list with each hearing's status,
// announcing one (time, place, announcement, selection method, participants), recording when the materials reached
// the participants (at least 7 days before: a shorter notice is refused with the article), and the record with each
// participant's confirmation. Every form is the server's schema (GET /api/forms/hearing|hearingMaterials|hearingRecord).

import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { choiceLabel } from '../fields.js';
import { formatDate, formatDateTime, t } from '../i18n.js';
import { formSchema } from '../shell.js';
import { disclosureForm } from '../ui.js';

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const TIME = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', examples: ['09:30'] };

/**
 * The server's schema with one instant field entered as a date and a time in Beijing time (the API takes one instant).
 * @param {any} schema @param {string} field
 */
export function splitInstant(schema, field) {
  const s = structuredClone(schema);
  /** @type {Record<string, unknown>} */
  const properties = {};
  for (const [k, v] of Object.entries(s.properties)) {
    if (k !== field) properties[k] = v;
    else {
      properties.date = DATE;
      properties.time = TIME;
    }
  }
  s.properties = properties;
  s.required = (s.required ?? []).flatMap((/** @type {string} */ k) => (k === field ? ['date', 'time'] : [k]));
  return s;
}

/** A date and a time entered in Beijing time as the instant the API takes. */
const instant = (date, time) => `${date}T${time}:00+08:00`;

/** The instant's refusals shown beside the date the person entered (the API names the instant field). */
const onDate = (field) => (err) => {
  if (err instanceof ApiError)
    for (const i of err.issues) if (i.path === field || i.path.endsWith(`.${field}`)) i.path = 'date';
  throw err;
};

/** 已公告 → 材料已送达 → 已举行（笔录已确认）, or 已取消. */
const hearingStatus = (x) =>
  x.status === 'held'
    ? t('hearing.held')
    : x.status === 'cancelled'
      ? t('hearing.cancelled')
      : x.materialsSentAt
        ? t('hearing.materialsSent')
        : t('hearing.announced');

/**
 * @param {any} d the decision
 * @param {any[]} hearings GET …/hearings items
 * @param {boolean} canWork the lead department's drafter while the stage runs
 * @param {(message?: string) => void} reload
 */
export async function hearingsBlock(d, hearings, canWork, reload) {
  const [announceSchema, materialsSchema, recordSchema, cancelSchema] = canWork
    ? await Promise.all([
        formSchema('hearing'),
        formSchema('hearingMaterials'),
        formSchema('hearingRecord'),
        formSchema('hearingCancel'),
      ])
    : [null, null, null, null];
  return h(
    'div',
    { class: 'pp-block pp-hearings' },
    h('h3', {}, t('hearing.title')),
    hearings.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'table hearing-table' },
            h('caption', { class: 'visually-hidden' }, t('hearing.title')),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  t('hearing.seq'),
                  t('hearing.time'),
                  t('hearing.place'),
                  t('hearing.participants'),
                  t('hearing.materials'),
                  t('hearing.status'),
                ].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              {},
              hearings.map((x) =>
                h(
                  'tr',
                  { 'data-hearing': String(x.seq) },
                  h('td', {}, t('hearing.nth', { n: x.seq })),
                  h('td', {}, formatDateTime(x.startsAt)),
                  h('td', {}, x.place),
                  h('td', {}, t('hearing.people', { n: x.participants.length })),
                  h('td', {}, x.materialsSentAt ? formatDate(x.materialsSentAt) : t('hearing.notSent')),
                  h('td', {}, h('span', { class: ['badge', x.status === 'held' && 'badge--done'] }, hearingStatus(x))),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('hearing.none')),
    hearings.map((x) => hearingDetails(d, x, canWork, { materialsSchema, recordSchema, cancelSchema }, reload)),
    canWork
      ? disclosureForm({
          open: t('hearing.announce'),
          submit: t('hearing.announceSubmit'),
          schema: splitInstant(announceSchema, 'startsAt'),
          scope: 'hearing',
          hints: { selectionMethod: { help: t('hearing.selectionHelp') } },
          cls: 'hearing-form',
          send: ({ date, time, ...rest }) =>
            api.announceHearing(d.id, { ...rest, startsAt: instant(date, time) }).catch(onDate('startsAt')),
          done: (res) => reload(t('hearing.announcedFlash', { n: res.seq })),
        })
      : null,
  );
}

function hearingDetails(d, x, canWork, { materialsSchema, recordSchema, cancelSchema }, reload) {
  const open = canWork && x.status === 'scheduled';
  return h(
    'details',
    { class: 'hearing-details', 'data-hearing': String(x.seq), open: open || undefined },
    h('summary', {}, t('hearing.detailsOf', { n: x.seq, at: formatDateTime(x.startsAt) })),
    h(
      'dl',
      { class: 'meta' },
      [
        [t('hearing.announcement'), x.announcement],
        [t('hearing.announcedAt'), formatDateTime(x.announcedAt)],
        [t('hearing.selection'), x.selectionMethod],
        ...(x.status === 'cancelled'
          ? [
              [
                t('hearing.cancelledAt'),
                `${formatDateTime(x.cancelledAt)} ${t('hearing.cancelReason')}${t('colon')}${x.cancelReason}`,
              ],
            ]
          : []),
      ].map(([k, v]) => h('div', { class: 'meta-item meta-item--wide' }, h('dt', {}, k), h('dd', {}, v))),
    ),
    h(
      'ul',
      { class: 'ctx-list hearing-people' },
      x.participants.map((p) =>
        h(
          'li',
          {},
          `${p.name}（${p.affiliation}，${choiceLabel('kind', p.kind)}）`,
          p.confirmedAt
            ? h(
                'span',
                { class: 'open-role' },
                ` · ${t('hearing.confirmedAt', { at: formatDateTime(p.confirmedAt), ref: p.signatureRef ?? '' })}`,
              )
            : null,
        ),
      ),
    ),
    x.record ? h('div', { class: 'hearing-record' }, h('h4', {}, t('hearing.record')), h('p', {}, x.record)) : null,
    open
      ? h(
          'div',
          { class: 'form-actions hearing-actions' },
          disclosureForm({
            open: x.materialsSentAt ? t('hearing.materialsAgain') : t('hearing.materialsOpen'),
            submit: t('hearing.materialsSubmit'),
            schema: splitInstant(materialsSchema, 'sentAt'),
            scope: 'hearingMaterials',
            hints: { date: { help: t('hearing.materialsHelp') } },
            cls: 'hearing-materials-form',
            send: ({ date, time }) =>
              api.hearingMaterials(d.id, x.id, { sentAt: instant(date, time) }).catch(onDate('sentAt')),
            done: () => reload(t('hearing.materialsFlash', { n: x.seq })),
          }),
          x.materialsSentAt
            ? disclosureForm({
                open: t('hearing.recordOpen'),
                submit: t('hearing.recordSubmit'),
                schema: recordForm(recordSchema, x),
                scope: 'hearingRecord',
                cls: 'hearing-record-form',
                send: (v) =>
                  api.hearingRecord(d.id, x.id, {
                    record: v.record,
                    confirmations: x.participants.map((p) => ({
                      participantId: p.id,
                      confirmedAt: instant(v[p.id].confirmedOn, v[p.id].time),
                      signatureRef: v[p.id].signatureRef,
                    })),
                  }),
                done: () => reload(t('hearing.recordFlash', { n: x.seq })),
              })
            : null,
          disclosureForm({
            open: t('hearing.cancelOpen'),
            submit: t('hearing.cancelSubmit'),
            schema: cancelSchema,
            scope: 'hearingCancel',
            cls: 'hearing-cancel-form',
            send: (v) => api.cancelHearing(d.id, x.id, v),
            done: () => reload(t('hearing.cancelFlash', { n: x.seq })),
          }),
        )
      : null,
  );
}

/**
 * The record form from the server's schema: the record, and for each participant on the list the confirmation's
 * fields (its time as a date and a time; which participant it is, by id, is the row itself).
 * @param {any} schema GET /api/forms/hearingRecord
 * @param {any} x the hearing
 */
function recordForm(schema, x) {
  const item = schema.properties.confirmations.items;
  /** @type {Record<string, unknown>} */
  const properties = { record: schema.properties.record };
  for (const p of x.participants)
    properties[p.id] = {
      type: 'object',
      label: { zh: `${p.name}（${p.affiliation}）`, en: `${p.name} (${p.affiliation})` },
      properties: { confirmedOn: DATE, time: TIME, signatureRef: item.properties.signatureRef },
      required: ['confirmedOn', 'time', 'signatureRef'],
    };
  return { type: 'object', properties, required: ['record', ...x.participants.map((p) => p.id)] };
}
