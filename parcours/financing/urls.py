"""Tuition rates (/beheer/collegegeld/), modules for demand financing
(/vraagfinanciering/modules/) and a student's finances (/financien/)."""

from django.urls import path

from .views import finances, modules, tuition

app_name = "financing"

urlpatterns = [
    path("beheer/collegegeld/", tuition.tuition_list, name="tuition_list"),
    path("beheer/collegegeld/vaststellen/", tuition.tuition_rate_set, name="tuition_rate_set"),
    path("vraagfinanciering/modules/", modules.module_list, name="module_list"),
    path("vraagfinanciering/modules/nieuw/", modules.module_create, name="module_create"),
    path("financien/", finances.finances_page, name="finances_page"),
    path("financien/<int:pk>/", finances.finances_detail, name="finances_detail"),
    path("financien/<int:pk>/module/", finances.module_enrol, name="module_enrol"),
    path("financien/<int:pk>/voucher/", finances.voucher_request, name="voucher_request"),
]
