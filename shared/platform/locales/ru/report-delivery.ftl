# /report in the staff bot and the daily deficiencies summary (shared/staffchat/reports/deliver.ts, deficiencies.ts).

report-cmd-accepted = Готовлю отчёт за { $from } — { $to }: картинка и файл Excel придут сюда через минуту.
report-cmd-not-allowed = Отчёты доступны руководителям и кураторам. Если он нужен вам по работе, попросите руководителя переслать его.
report-cmd-usage =
    Как заказать отчёт:
    /report week — за прошлую неделю (month — за прошлый месяц, quarter — за прошлый квартал)
    /report week 07.04.2025 — за неделю, в которую входит эта дата
    /report 01.04.2025 15.04.2025 — за эти дни включительно
report-cmd-date = Не удалось прочитать дату. Пишите так: 07.04.2025 или 2025-04-07.
report-cmd-order = Первая дата позже второй. Пример: /report 01.04.2025 15.04.2025
report-cmd-future = Этот период ещё не начался.
report-cmd-wrong-chat = В этом чате отчёт не пришлю: в нём есть тексты обращений. Закажите его в личном чате со мной или в чате руководителей.

deficiencies-title = 📋 Недостатки за { $date }: { $count ->
    [one] { $count } просроченный этап
    [few] { $count } просроченных этапа
   *[many] { $count } просроченных этапов
}
deficiencies-line = №{ $id } · { $stage } · { $who } · срок { $due } — { $state }
deficiencies-late = выполнено с опозданием на { $late }
deficiencies-open = не выполнено
deficiencies-more = …и ещё { $count }
