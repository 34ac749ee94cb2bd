/**
 * Guided exercises for staff training (Sobolevo, annex 1, п.4 пп.2: the
 * coordinating unit «организует проведение обучения»). Each is checked from
 * the sandbox's own incident events, never from what the page says was
 * clicked: a lesson is done when some incident's history shows every step in
 * order. `lessonsDone` is pure, so the checks are tested without a sandbox.
 */
import { asc } from 'drizzle-orm';
import { incidentEvents } from '../../platform/db/schema.js';
import { parseEvent, type IncidentEvent } from '../../core/incident/index.js';
import type { Session } from './session.js';

export type Lesson = {
  id: string;
  role: 'curator' | 'executor' | 'approver';
  title: string;
  /** What to do, step by step, as the trainee reads it. */
  steps: string[];
  /** Whether one incident's events show the exercise done. */
  done(events: readonly IncidentEvent[]): boolean;
};

const has = (events: readonly IncidentEvent[], type: IncidentEvent['type']) => events.some((e) => e.type === type);
/** `second` happened after `first` (both present, in that order). */
const after = (events: readonly IncidentEvent[], first: (e: IncidentEvent) => boolean, second: (e: IncidentEvent) => boolean) => {
  const i = events.findIndex(first);
  return i >= 0 && events.slice(i + 1).some(second);
};

export const LESSONS: readonly Lesson[] = [
  {
    id: 'route',
    role: 'curator',
    title: 'Разобрать и направить сообщение',
    steps: [
      'Напишите от имени жителя сообщение во ВКонтакте (например, о яме на дороге).',
      'В чате «Кураторы» проверьте тему и место на карточке, при необходимости исправьте.',
      'Нажмите «✅ Направить» — сообщение уйдёт в подразделение.',
    ],
    done: (ev) => after(ev, (e) => e.type === 'triaged', (e) => e.type === 'routed'),
  },
  {
    id: 'return',
    role: 'executor',
    title: 'Вернуть ошибочно направленное сообщение с примечанием',
    steps: [
      'Переключитесь на исполнителя того подразделения, куда направлено сообщение.',
      'На карточке нажмите «↩️ Вернуть куратору» и ответьте боту, почему вопрос не вашего подразделения.',
      'Куратор увидит сообщение снова с вашим примечанием.',
    ],
    done: (ev) => after(ev, (e) => e.type === 'routed', (e) => e.type === 'returned'),
  },
  {
    id: 'draft-photo',
    role: 'executor',
    title: 'Написать проект ответа с фотографией',
    steps: [
      'Возьмите сообщение кнопкой «🙋 Взять в работу».',
      'Нажмите «✍️ Подготовить ответ» — бот откроет личный чат.',
      'Отправьте фотографию с подписью — текстом ответа — и нажмите «📨 На согласование».',
    ],
    done: (ev) => ev.some((e) => e.type === 'draft_submitted' && e.data.attachments.some((a) => a.kind === 'photo')),
  },
  {
    id: 'approve-rework',
    role: 'approver',
    title: 'Вернуть проект на доработку, затем согласовать',
    steps: [
      'Когда проект придёт на согласование, нажмите «✏️ На доработку» и напишите замечание.',
      'От имени исполнителя исправьте проект и отправьте снова.',
      'Утвердите исправленный проект кнопкой «✅ Утвердить».',
    ],
    done: (ev) => after(ev, (e) => e.type === 'draft_sent_to_rework', (e) => e.type === 'draft_approved'),
  },
  {
    id: 'interim-final',
    role: 'executor',
    title: 'Промежуточный, затем окончательный ответ',
    steps: [
      'Подготовьте проект вида «промежуточный» (кнопка «Вид:» в предпросмотре), согласуйте и опубликуйте его.',
      'Убедитесь, что житель увидел ответ в своей ленте.',
      'Подготовьте и опубликуйте окончательный ответ по тому же сообщению.',
    ],
    done: (ev) =>
      after(
        ev,
        (e) => e.type === 'reply_published' && e.data.kind === 'interim',
        (e) => e.type === 'reply_published' && e.data.kind === 'answer',
      ),
  },
  {
    id: 'abuse',
    role: 'curator',
    title: 'Не отвечать на оскорбительное сообщение',
    steps: [
      'Напишите от имени жителя сообщение с оскорблением.',
      'На карточке нажмите «🚫 Не подлежит обработке» и выберите причину из перечня регламента (например, оскорбления или нецензурная брань).',
      'Ответ жителю не публикуется, сообщение закрыто.',
    ],
    done: (ev) => ev.some((e) => e.type === 'rejected' && e.data.reason !== 'other') && !has(ev, 'reply_published'),
  },
];

export type LessonStatus = { id: string; role: Lesson['role']; title: string; steps: string[]; done: boolean };

/** Which lessons some incident's history completes. */
export function lessonsDone(histories: Iterable<readonly IncidentEvent[]>): Set<string> {
  const done = new Set<string>();
  for (const events of histories) for (const l of LESSONS) if (!done.has(l.id) && l.done(events)) done.add(l.id);
  return done;
}

/** Every lesson with whether the session's incidents complete it. */
export async function lessonStatus(s: Session): Promise<LessonStatus[]> {
  const rows = await s.system.system.ctx.database.db.select().from(incidentEvents).orderBy(asc(incidentEvents.incidentId), asc(incidentEvents.version));
  const byIncident = new Map<number, IncidentEvent[]>();
  for (const r of rows) {
    const list = byIncident.get(r.incidentId) ?? [];
    if (!list.length) byIncident.set(r.incidentId, list);
    list.push(parseEvent({ type: r.type, version: r.version, at: r.at, data: r.data }));
  }
  const done = lessonsDone(byIncident.values());
  return LESSONS.map((l) => ({ id: l.id, role: l.role, title: l.title, steps: l.steps, done: done.has(l.id) }));
}
