# Routing from the curators' card in one tap (issue #17) and the paging of pickers.

# In the departments view: one department routes at once; this opens the view that picks several.
btn-several = Несколько…
# Pickers longer than eight choices are paged.
btn-picker-prev = ◀
btn-picker-next = ▶
btn-picker-page = { $page } / { $pages }

# «✅ Направить» or a department tapped while the topic or the place is not chosen yet: the picker opens.
route-needs-topic = Выберите тему — и нажмите «✅ Направить».
route-needs-location = Выберите место — и нажмите «✅ Направить».
