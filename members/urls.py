from django.urls import path

from members import account, views

app_name = "members"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("logout/done/", views.logged_out, name="logged_out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # "My account": personal API tokens.
    path("account/", account.account, name="account"),
    path("account/tokens/<int:token_id>/revoke/", account.revoke_token, name="revoke_token"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    # "My account": the personal feed address (documents' feed, members-only documents included).
    path("account/feed/", account.create_feed_token, name="create_feed_token"),
    path("account/feed/revoke/", account.revoke_feed_token, name="revoke_feed_token"),
]
