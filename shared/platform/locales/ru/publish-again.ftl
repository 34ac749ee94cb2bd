# The card while a reply is retried or may not have gone out, and staff sending it again (worker/jobs/publish.ts,
# shared/staffchat/cards/render.ts, bots/telegram/features/publication.ts). What each network's case means is in networks.ftl.

card-publishing-retry = 📤 Публикуется… { $reason }
card-publish-unconfirmed = ❓ { $reason }

btn-publish-again = 🔁 Отправить снова
publish-again-done = Отправляем ответ снова.
publish-again-stale = Ответ уже отправляется или опубликован: карточка обновится.
