# Photos and videos under the cards (shared/staffchat/lanes/media.ts). $more — how many did not fit the album of ten.
media-citizen-caption = 📎 Сообщение №{ $id }: вложения автора{ $more ->
    [0] {""}
   *[other] {" "}(ещё { $more } — в исходном сообщении)
}
media-draft-caption = 📎 Сообщение №{ $id }: вложения проекта ответа, версия { $number }{ $more ->
    [0] {""}
   *[other] {" "}(ещё { $more })
}
media-link-photo = фото { $n }
media-link-video = видео { $n }
media-not-shown = Мессенджер не принял вложения; откройте исходное сообщение по ссылке на карточке.
media-withdrawn = 🗑 Вложение удалено: данные автора стёрты по его запросу или по сроку хранения.
