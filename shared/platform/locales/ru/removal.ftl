# A dismissed executor's work goes back (shared/flows/staff/removal.ts): the curators' card and the summary to whoever revoked them.

removal-card-returned = ↩️ Исполнитель { $name } ({ $department }) { $cause } — сообщение вернулось куратору: направьте его заново.
removal-cause-revoked = отстранён
removal-cause-left_staff = больше не в списке сотрудников
removal-cause-dismissed = уволен
removal-summary = Возвращено куратору: { $returned ->
    [one] { $returned } сообщение
    [few] { $returned } сообщения
   *[many] { $returned } сообщений
}{ $released ->
    [0] {""}
   *[other] ; часть ответа снова ждёт отдел: { $released }
}.
removal-card-part = ⚠️ Исполнитель { $name } ({ $department }) { $cause } — часть ответа ждёт другого исполнителя отдела.
