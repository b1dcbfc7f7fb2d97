from .images import CustomImage, CustomRendition
from .pages import BasePage, HomePage, StandardPage
from .settings import SiteSettings
from .site_texts import SiteTexts

__all__ = ["BasePage", "CustomImage", "CustomRendition", "HomePage", "SiteSettings", "SiteTexts", "StandardPage"]
