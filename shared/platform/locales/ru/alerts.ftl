# Immediate alerts to the heads' chat: socially significant messages and activity spikes.
# HTML parse mode: the renderer escapes every value.

alert-significant-title = ❗️ <b>Общественно значимое сообщение №{ $id }</b> · { $network }, { $kind }
alert-significant-flagged = Отметил(а): { $who }, { $when }
alert-topics-location = 🏷 { $topics } · { $location }

alert-spike-title = 📈 <b>Повышенная социальная активность</b>: { $what }
alert-spike-topic = тема «{ $value }»
alert-spike-location = место «{ $value }»
alert-spike-count = { $count ->
    [one] { $count } сообщение
    [few] { $count } сообщения
   *[other] { $count } сообщений
} за { $window } (обычно { $baseline })
alert-spike-line = <b>№{ $id }</b> · { $network }: { $text }
alert-spike-more = …и ещё { $count } раньше
alert-spike-ended = ✅ Активность снизилась до обычной в { $when }.
alert-text-empty = (без текста)
alert-window-hours = { $hours } ч
alert-window-minutes = { $minutes } мин
