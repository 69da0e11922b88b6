// @ts-check
// The supervising office's bulk 提示 (issue 16 §5 b): the overdue tasks chosen on the board, an optional note; the
// form is the server's schema (GET /api/forms/bulkReminders) without the ids, which the checkboxes give. Preview
// (R35 overdue and open, R37 one 提示函 per task), execute, the result per task with its letter's number.

import { api } from './api.js';
import { bulkBar } from './bulk.js';
import { t } from './i18n.js';

/**
 * @param {{ schema: any, nameOf: (taskId: string) => string, done: () => void }} o
 */
export const reminderBulkBar = (o) =>
  bulkBar({
    title: t('bulk.remindTitle'),
    lead: t('bulk.remindLead'),
    previewLabel: t('bulk.remindPreview'),
    scope: 'bulkReminders',
    schema: o.schema,
    idsField: 'taskIds',
    nameOf: o.nameOf,
    effectText: (i) =>
      i.effect?.letterNumber ? t('bulk.remindDone', { number: i.effect.letterNumber }) : t('bulk.remindEffect'),
    run: (body, execute, key) => api.bulkReminders(body, execute, key),
    done: o.done,
  });
