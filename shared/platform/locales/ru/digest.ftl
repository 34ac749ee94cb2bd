# The live digest that stands for many cards while a staff chat receives more than Telegram lets the bot send.
# HTML parse mode: the renderer escapes every value.

digest-title = 📥 <b>{ $count ->
    [one] Ещё { $count } новое сообщение
    [few] Ещё { $count } новых сообщения
   *[other] Ещё { $count } новых сообщений
}</b>: сообщений больше, чем мессенджер позволяет отправить в чат по одному, поэтому они собраны здесь.
digest-line = <b>№{ $id }</b> · { $network } · { $author }: { $text }
digest-line-link = <a href="{ $url }">оригинал</a>
digest-author-unknown = id{ $id }
digest-text-empty = (без текста)
digest-page = Страница { $page } из { $pages }

digest-first = «
digest-previous = ‹
digest-position = { $page } / { $pages }
digest-next = ›
digest-last = »

# The buttons under a digest page: each opens one listed incident's card in this chat, where it can be routed.
digest-open = Открыть №{ $id }
digest-open-queued = Карточка №{ $id } придёт в чат через несколько секунд.
digest-open-already = Карточка №{ $id } уже в чате.
digest-open-not-listed = Этого сообщения нет в сводке этого чата.
digest-line-card = <a href="{ $url }">карточка</a>
