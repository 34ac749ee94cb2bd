# Sobolevo п.9: an executor's dismissal, recorded with /dismiss (bots/telegram/features/dismissal.ts,
# shared/flows/staff/dismissal.ts): the curators are told and hand the executor's open messages over.
dismiss-usage = Как записать увольнение исполнителя: /dismiss ИСПОЛНИТЕЛЬ ДАТА_РАСПОРЯЖЕНИЯ [ДЕНЬ_УВОЛЬНЕНИЯ], например /dismiss Морозов 04.12 или /dismiss 203 04.12.2026 18.12.2026. Исполнителя можно назвать по фамилии, полному имени или номеру в мессенджере (id). Без дня увольнения новые сообщения перестают приходить исполнителю со дня распоряжения.
dismiss-private = Увольнение записывают в личном чате с ботом: напишите мне /dismiss.
dismiss-not-allowed = Записать увольнение исполнителя может руководитель его подразделения, куратор или глава.
dismiss-bad-date = Не удалось прочитать дату «{ $text }». Пишите ДД.ММ или ДД.ММ.ГГГГ.
dismiss-order-future = Дата распоряжения { $date } ещё не наступила.
dismiss-backwards = День увольнения раньше даты распоряжения.
dismiss-unknown = Не нашёл сотрудника «{ $text }».
dismiss-ambiguous = «{ $text }» — это несколько сотрудников: { $names }. Укажите полное имя или номер в мессенджере (id).
dismiss-self = Своё увольнение записывает руководитель подразделения или куратор.
dismiss-not-executor = { $name } — не исполнитель: увольнение записывают для исполнителей.
dismiss-recorded = ✅ Записано: { $name } — распоряжение об увольнении от { $order }, новые сообщения не получает с { $effective }. Кураторы уведомлены{ $open ->
    [0] .
   *[other] ; открытых сообщений у исполнителя: { $open }, кураторы их передадут.
}
dismiss-notice = 👋 Увольнение исполнителя: { $name } ({ $department }), распоряжение от { $order }, новые сообщения не получает с { $effective }. Сообщил(а): { $by }.
dismiss-notice-none = Открытых сообщений у исполнителя нет.
dismiss-notice-open = Открытые сообщения исполнителя ({ $count }): { $list }. Передайте их кнопкой ниже.
dismiss-notice-due = По { $clause } Положения передача — в течение { $days } календарных дней со дня распоряжения.
btn-dismiss-to-curator = ↩️ Вернуть куратору на маршрутизацию
btn-dismiss-to = 👤 Передать: { $name }
dismiss-to-curators = кураторам на маршрутизацию
dismiss-handed = ✅ { $who } передал(а) { $to }: { $count ->
    [one] { $count } сообщение
    [few] { $count } сообщения
   *[many] { $count } сообщений
}.
dismiss-handed-toast = Передано: { $count }
dismiss-handed-already = Сообщения уже переданы.
dismiss-handed-gone = Запись об увольнении не найдена.
dismiss-not-colleague = Этого сотрудника больше нет в подразделении. Выберите другого.
dismiss-curators-only = Передать сообщения уволенного исполнителя может куратор.
dismiss-reminder = ⏰ Напоминание ({ $clause } Положения): { $name } ({ $department }) уволен(а) по распоряжению от { $order }, а открытые сообщения не переданы (срок — { $due }): { $list }. Передайте их кнопкой ниже.
