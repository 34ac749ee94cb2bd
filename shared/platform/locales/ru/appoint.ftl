# The head names the responsible department among several (sobolevo-2021 п.19).

btn-appoint = 👤 Назначить ответственным: { $name }
btn-appointed = ✓ Ответственный: { $name }
appointed = Ответственный исполнитель: { $name }. Остальные подразделения направят ему свои части.
