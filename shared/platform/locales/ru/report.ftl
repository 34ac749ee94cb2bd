# Periodic reports for heads: the chart, the workbook and the Telegram summary (shared/flows/reports).
# Numbers arrive as numbers, so Fluent picks Russian plural forms (one, few, many) by itself.

## Names

report-network-vk = ВКонтакте
report-network-ok = Одноклассники
report-network-telegram = Telegram
report-network-max = MAX
report-network-manual = Вручную

report-stage-route = Распределение
report-stage-return = Возврат
report-stage-coExecutor = Часть соисполнителя
report-stage-draft = Проект ответа
report-stage-finalDraft = Проект окончательного ответа
report-stage-approval = Согласование
report-stage-rework = Доработка
report-stage-publish = Публикация
report-stage-answer = Ответ
report-stage-clarification = Уточнение
report-stage-final = Окончательный ответ
report-stage-repeatCheck = Проверка повтора

report-outcome-resolved = Решено
report-outcome-explained = Разъяснено
report-outcome-in_progress = Решается
report-outcome-not_resolved = Не решено
report-outcome-open = Не закрыто

report-period =
    { $kind ->
        [week] Неделя
        [month] Месяц
        [quarter] Квартал
       *[other] Период
    } { $from } — { $to }

report-file-name = Отчёт { $from } — { $to }.xlsx

## Values

report-percent = { $value } %
report-none = —
report-minutes = { $minutes } мин
report-hours = { $hours } ч
report-hours-minutes = { $hours } ч { $minutes } мин

## Chart

report-chart-kpi = Поступило: { $received }   ·   В срок: { $onTime }   ·   Просрочено сейчас: { $overdue }
report-chart-received = Поступило по дням
report-chart-received-none = Сообщений за период не поступало
report-chart-ontime = Доля этапов в срок по подразделениям
report-chart-ontime-label = { $percent } %  ({ $onTime } из { $judged })
report-chart-ontime-none = Сроков за период не наступало
report-chart-overdue = Просрочено сейчас по этапам
report-chart-overdue-none = Просроченных этапов нет

## Workbook

report-sheet-summary = Сводка
report-sheet-departments = По подразделениям
report-sheet-executors = По исполнителям
report-sheet-overdue = Просрочено
report-sheet-top = Топ сообщений

report-col-measure = Показатель
report-col-value = Значение
report-col-department = Подразделение
report-col-executor = Исполнитель
report-col-judged = Этапов со сроком
report-col-on-time = В срок
report-col-on-time-share = Доля в срок
report-col-stage-share = { $stage }, в срок
report-col-returns = Возвраты
report-col-overdue-now = Просрочено сейчас
report-col-drafts = Проектов ответа
report-col-warnings = Замечаний проверки
report-col-incident = № сообщения
report-col-stage = Этап
report-col-network = Соцсеть
report-col-started = Начало этапа
report-col-due = Срок
report-col-overdue-working = Просрочено, рабочих минут
report-col-overdue-calendar = Просрочено, календарных ч:мм
report-col-received = Поступило
report-col-topics = Темы
report-col-location = Территория
report-col-text = Текст
report-col-engagement = Отклик аудитории
report-col-repeats = Повторов
report-col-outcome = Итог
report-col-link = Ссылка
report-col-link-text = открыть

report-row-organisation = Организация
report-row-period = Период
report-row-as-of = Сформирован
report-row-received = Поступило сообщений
report-row-received-network = — { $network }
report-row-judged = Этапов со сроком в периоде
report-row-on-time = Из них в срок
report-row-on-time-share = Доля этапов в срок
report-row-first-reply-count = Первых публичных ответов
report-row-first-reply-median = Первый ответ: медиана, рабочих минут
report-row-first-reply-p90 = Первый ответ: 90-й процентиль, рабочих минут
report-row-overdue = Просрочено сейчас
report-row-returns = Возвратов не по компетенции
report-row-drafts = Проектов ответа
report-row-warnings = Замечаний проверки проектов
report-row-rework = Доработок на согласованный проект
report-row-rework-max = Наибольшее число доработок одного проекта
report-row-interim = Доля ответов после промежуточного
report-row-reaction = Доля граждан, отреагировавших на ответ
report-row-repeats = Повторных сообщений
report-row-rejected = Отклонено как не подлежащие обработке
report-row-forwarded = Переслано по компетенции в другие органы
report-row-forwarded-body = — { $body }
report-row-ratings = Оценок ответа от граждан
report-row-rating-average = Средняя оценка ответа (от 1 до 5)
report-row-significant = Общественно значимых
report-row-closed = Закрыто
report-row-outcome = — { $outcome }
report-row-top-resolved = Решено положительно из топа сообщений

report-section-stages = В срок по этапам
report-section-topics = Поступило по темам
report-section-locations = Поступило по территориям
report-col-count = Сообщений

## Telegram summary (plain text, under the 1024-character caption limit)

report-summary-title = { $org }. { $period }
report-summary-received =
    За { $kind ->
        [week] неделю
        [month] месяц
        [quarter] квартал
       *[other] период
    } { $count ->
        [one] поступило { $count } сообщение
        [few] поступило { $count } сообщения
       *[other] поступило { $count } сообщений
    }{ $networks }.
report-summary-network = { $network } — { $count }
report-summary-on-time = В срок пройдено { $percent } % этапов ({ $onTime } из { $judged }).
report-summary-on-time-none = Сроков за период не наступало.
report-summary-first-reply = Первый ответ гражданину: половина — не дольше { $median }, 90 % — не дольше { $p90 } рабочего времени.
report-summary-overdue =
    Сейчас { $count ->
        [one] просрочен { $count } этап
        [few] просрочено { $count } этапа
       *[other] просрочено { $count } этапов
    }: { $stages }.
report-summary-overdue-none = Просроченных этапов сейчас нет.
report-summary-lowest = Ниже всего доля в срок: { $department } — { $percent } %.
report-summary-counts = Возвратов: { $returns }, повторных: { $repeats }, отклонено: { $rejected }, общественно значимых: { $significant }.
report-summary-forwarded = Переслано по компетенции в другие органы (не отклонено): { $count }.
report-summary-ratings =
    Граждане оценили { $count ->
        [one] { $count } ответ
        [few] { $count } ответа
       *[other] { $count } ответов
    }, средняя оценка — { $average } из 5.
report-summary-interim = Промежуточный ответ давали в { $percent } % случаев.
report-summary-top =
    { $count ->
        [one] Из { $count } самого обсуждаемого сообщения
       *[other] Из { $count } самых обсуждаемых сообщений
    } решено положительно: { $resolved }.
report-summary-files = Графики — на картинке, подробности — в файле Excel.

# Reports: terms extended on request and terms set for the message.
report-row-extended = Сроков продлено по запросу
report-row-extended-days = Дней продления всего
report-row-agreed-term = Со своим (сокращённым, согласованным) сроком
report-summary-terms = Продлено сроков: { $extended } (на { $days } дн.), со своим сроком: { $agreed }.

# Sobolevo п.23: success stories covered in the media, where the profile counts them.
report-summary-success = Историй успеха, освещённых в СМИ и соцсетях: { $count }.
report-row-success = Историй успеха в СМИ и соцсетях (п.23)
report-row-success-item = История успеха: сообщение №{ $id }
