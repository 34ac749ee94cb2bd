# Draft checks added for issue #19: spelling (sobolevo п.23.2) and «ты» towards the author (severny-pos п.16).
draft-warning-spelling = • Проверьте написание: «{ $phrase }».
draft-warning-spelling-suggest = • Проверьте написание: «{ $phrase }» — может быть, «{ $suggestion }»?
draft-warning-familiar = • Обращение на «ты»: «{ $phrase }» — к автору обращаемся на «вы».
draft-spelling-loading = • Орфографический словарь ещё загружается после перезапуска: орфография будет проверяться, когда он загрузится (через несколько секунд).
