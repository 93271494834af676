from django.contrib import admin

from . import models

admin.site.register(models.Country)
admin.site.register(models.Ministry)
admin.site.register(models.ThreatTopic)
admin.site.register(models.Person)
admin.site.register(models.Dialogue)


@admin.register(models.Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["__str__", "start_date", "city", "status"]
    list_select_related = ["dialogue"]
