"""The demo pages: where each sits in the tree, and its copy and StreamField content.

The facts about the International Co-operative Alliance come from the portal's seed notes and are written
in the portal's own words. The National Federation of Co-operatives that runs the portal is fictional.

Each page's ``fields`` function receives the loader's ``refs`` (``refs.images``, ``refs.documents`` and
``refs.pages``, keyed as below) once every demo page exists, so pages can link to each other.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .blocks import (
    benefits,
    call_to_action,
    document,
    document_link,
    document_links,
    faq,
    heading,
    highlight_card,
    image,
    item_list,
    key_figures,
    page_link,
    quote,
    rich_text,
)

ALLIANCE_MEMBERSHIP_URL = "https://ica.coop/en/membership"


@dataclass(frozen=True)
class PageSpec:
    key: str
    model: str  # "app_label.ModelName"
    parent: str | None  # the parent's key; None for the home page (the default site's root)
    title: str
    slug: str
    fields: Callable
    show_in_menus: bool = True


@dataclass(frozen=True)
class PageTranslation:
    """A demo page in another language (``content_fr``, ``content_es``): the page of the same ``key`` translated.

    ``fields`` receives the same ``refs`` as the English page's, except that ``refs.pages`` holds the pages of that
    language, so links lead to pages in the reader's language.
    """

    title: str
    slug: str
    fields: Callable


def home_fields(refs):
    pages, images, docs = refs.pages, refs.images, refs.documents
    return {
        "hero_heading": "Co-operatives working together, at home and around the world",
        "intro": "The National Federation of Co-operatives brings the country's co-operatives together. This "
        "portal explains who we are, how we belong to the International Co-operative Alliance, and where members "
        "find their papers.",
        "search_description": "The National Federation of Co-operatives: who we are, our membership of the "
        "International Co-operative Alliance, our documents library and the members' private areas.",
        "hero_image": images["hero"],
        "listing_image": images["hero"],
        "highlights": [
            highlight_card(
                pages["about"],
                text="Who we are, and our place in the worldwide co-operative movement.",
                picture=images["about"],
            ),
            highlight_card(
                pages["documents"],
                text="Reports, guides and fact sheets to read online or download.",
                picture=images["documents"],
            ),
            highlight_card(
                pages["private_areas"],
                title="Members' private areas",
                text="Briefings and working papers for member organisations. Log in to read them.",
                picture=images["private_areas"],
            ),
        ],
        "body": [
            heading("A movement owned by its members"),
            rich_text(
                "<p>A co-operative is a business that belongs to the people who use it. Farmers who sell their "
                "crops together, savers who run their own bank, tenants who look after their own homes: in each "
                "case the members share the work, the decisions and the results.</p>"
                "<p>The federation speaks for these enterprises at home. Through the "
                f"{page_link(pages['alliance'], 'International Co-operative Alliance')} it also takes part in a "
                "movement that reaches nearly a billion people.</p>"
            ),
            key_figures(
                [
                    ("1895", "the year the Alliance began, in London"),
                    ("310", "member organisations in the Alliance"),
                    ("107", "countries they come from"),
                    ("Nearly 1 billion", "people represented"),
                ],
                heading_text="The Alliance in numbers",
            ),
            document_links(
                [docs["annual_report_2024"], docs["alliance_at_a_glance"]], heading_text="Recently published"
            ),
            call_to_action(
                "Thinking of joining?",
                text="Find out what membership of the Alliance offers and how to ask about it.",
                page=pages["why_join"],
                link_text="Why join the ICA",
            ),
        ],
    }


def about_fields(refs):
    pages, images = refs.pages, refs.images
    return {
        "intro": "We are a federation of co-operative enterprises. We represent our members, help them learn from "
        "one another and connect them with co-operators in other countries.",
        "search_description": "Who the National Federation of Co-operatives is, what it does for its members and "
        "how it belongs to the International Co-operative Alliance.",
        "listing_image": images["about"],
        "body": [
            heading("What we do"),
            rich_text(
                "<p>Our members are co-operatives of every size and trade, from village shops and farm supply "
                "societies to credit unions, insurers and housing co-operatives. Each of them is owned and "
                "controlled by the people it serves, and the federation is owned and controlled by them in "
                "turn.</p>"
                "<ul><li>We make the case for co-operatives to government and public bodies.</li>"
                "<li>We collect and share information, good practice and useful contacts.</li>"
                "<li>We hold meetings where members compare notes and tackle shared problems.</li></ul>"
            ),
            image(images["about"], caption="Many enterprises, one federation."),
            heading("Part of a worldwide movement"),
            rich_text(
                "<p>The federation is a member of the "
                f"{page_link(pages['alliance'], 'International Co-operative Alliance')}, the global body for "
                "co-operatives. Through it, our members' concerns reach the regional co-operative organisations "
                "and the United Nations.</p>"
                "<p>If your organisation is thinking about membership, "
                f"{page_link(pages['why_join'], 'read why co-operatives join the Alliance')}.</p>"
            ),
        ],
    }


def alliance_fields(refs):
    pages, images, docs = refs.pages, refs.images, refs.documents
    return {
        # The key facts (founding, members, countries, people, head office, UN status, website) keep the model's
        # defaults, which already hold them.
        "intro": "Set up in 1895, the Alliance is the global home of the co-operative movement: an independent, "
        "non-governmental organisation whose members are co-operative organisations from every continent.",
        "search_description": "Key facts about the International Co-operative Alliance: founded in London in 1895, "
        "310 member organisations in 107 countries, a head office in Brussels and four regional offices.",
        "listing_image": images["alliance"],
        "regional_offices": [
            {"region": "Americas", "name": "Cooperatives of the Americas"},
            {"region": "Europe", "name": "Cooperatives Europe"},
            {"region": "Africa", "name": "Cooperatives Africa"},
            {"region": "Asia-Pacific", "name": "ICA Asia and Pacific"},
        ],
        "body": [
            heading("What the Alliance is"),
            rich_text(
                "<p>The Alliance answers to its members, not to any government. Its work is to unite "
                "co-operatives across borders, to represent them and to serve them.</p>"
                "<p>It began in London in 1895, which makes it one of the oldest international organisations "
                "still at work. Today 310 member organisations from 107 countries belong to it, and between them "
                "they speak for close to a billion people.</p>"
            ),
            heading("Where its members work", level="h3"),
            rich_text(
                "<p>Its members are co-operative organisations, national and international. They are active in "
                "almost every part of the economy, including:</p>"
                "<ul><li>agriculture and fishing</li><li>banking, credit and savings</li><li>insurance</li>"
                "<li>industry</li><li>social housing</li><li>health</li>"
                "<li>public services and consumer services</li><li>tourism</li></ul>"
            ),
            heading("A voice at the United Nations"),
            rich_text(
                "<p>In 1946 the Alliance became the first non-governmental organisation to be granted "
                "consultative status with the United Nations. Today it holds general consultative status, "
                "Category I, with the UN Economic and Social Council (ECOSOC): only 41 organisations share that "
                "place.</p>"
            ),
            key_figures(
                [
                    ("1946", "first NGO with UN consultative status"),
                    ("41", "organisations in ECOSOC's general category"),
                    ("4", "regional offices"),
                    ("107", "countries with member organisations"),
                ],
                heading_text="Recognition and reach",
            ),
            heading("Objectives"),
            rich_text(
                "<p>Its central aim is to make independent co-operatives stronger everywhere, through work at "
                "international, regional and national level. Alongside that, the Alliance sets out to:</p>"
            ),
            item_list(
                [
                    "build a worldwide co-operative movement grounded in self-help and democratic control;",
                    "uphold and protect the values and principles that make an enterprise a co-operative;",
                    "encourage trade and other ties that benefit its member organisations;",
                    "support lasting human development and help every person to get on, economically and socially;",
                    "advance economic and social progress and so help keep the world secure and at peace;",
                    "make equality between women and men the rule in all co-operative work and decision-making.",
                ]
            ),
            heading("What the Alliance does"),
            rich_text(
                "<h3>Raising awareness and speaking for co-operatives</h3>"
                "<p>The Alliance explains the co-operative way of doing business to the public, to governments "
                "and to regional and international institutions. When the movement needs to be heard, the "
                "Alliance speaks for it.</p>"
                "<h3>Making room for co-operatives in law and policy</h3>"
                "<p>Co-operatives grow best where laws and administrative rules recognise how they work. The "
                "Alliance backs its members when they press for such rules, with political support and expert "
                "advice, so that co-operatives can compete on equal terms with other businesses.</p>"
                "<h3>Sharing information and building networks</h3>"
                "<p>Members receive information, examples of good practice and contacts. The Alliance publishes "
                "reports, holds meetings and workshops on the questions co-operatives face, and puts "
                "co-operatives in touch with each other to trade and to share what they know.</p>"
                "<h3>Technical assistance and development</h3>"
                "<p>Through its development programme the Alliance offers technical help, builds skills and "
                "helps co-operatives find finance. It supports job creation, microfinance and efforts to reduce "
                "poverty around the world.</p>"
            ),
            heading("Head office and regional offices"),
            rich_text(
                "<p>The Alliance's head office is in Brussels, Belgium. Four regional offices, for the Americas, "
                "Europe, Africa and Asia-Pacific, work with members closer to home; the "
                f"{document_link(docs['regional_offices_directory'], 'regional offices directory')} describes "
                "each of them.</p>"
            ),
            quote(
                "Co-operatives are one movement in many countries. The Alliance is where they meet.",
                attribution="The board of the National Federation of Co-operatives",
            ),
            rich_text(
                '<p>Find out more on the Alliance\'s own website, <a href="https://ica.coop">ica.coop</a>, or '
                f"{page_link(pages['why_join'], 'see why co-operatives join it')}.</p>"
            ),
        ],
        "related_documents": [
            document(docs["alliance_at_a_glance"]),
            document(docs["regional_offices_directory"]),
        ],
    }


def why_join_fields(refs):
    pages, images, docs = refs.pages, refs.images, refs.documents
    return {
        "intro": "Membership of the International Co-operative Alliance links a co-operative organisation to a "
        "worldwide network, a shared voice and practical help. Here is what it offers and how to ask about it.",
        "search_description": "Why co-operative organisations join the International Co-operative Alliance: "
        "representation, a worldwide network, information, support with law and policy, and business contacts.",
        "listing_image": images["why_join"],
        "body": [
            benefits(
                [
                    (
                        "voice",
                        "A voice where decisions are made",
                        "The Alliance speaks for co-operatives to governments, to regional bodies and at the "
                        "United Nations, where it holds general consultative status.",
                    ),
                    (
                        "network",
                        "A worldwide network",
                        "Meet co-operators from 107 countries and from every sector, from farming and fishing to "
                        "banking, insurance and housing.",
                    ),
                    (
                        "knowledge",
                        "Information and good practice",
                        "Publications, meetings and workshops keep members up to date and let them learn from "
                        "what has worked elsewhere.",
                    ),
                    (
                        "support",
                        "Help with law and policy",
                        "Expert advice and political backing when members argue for laws and procedures that suit "
                        "co-operatives.",
                    ),
                    (
                        "trade",
                        "Business contacts",
                        "Introductions to co-operatives in other countries, for trade and for sharing market "
                        "knowledge.",
                    ),
                    (
                        "values",
                        "Shared values",
                        "A common commitment to self-help, democracy and equality, including equality between "
                        "women and men.",
                    ),
                ],
                heading_text="What members gain",
            ),
            heading("Who can join"),
            rich_text(
                "<p>The Alliance's members are organisations, not individual people: national and international "
                "co-operative federations and co-operative enterprises. If your co-operative belongs to our "
                "federation, it already takes part in the Alliance through us.</p>"
                f"<p>Our {document_link(docs['membership_guide'], 'membership guide')} explains how a co-operative "
                "joins the federation.</p>"
            ),
            call_to_action(
                "Interested in joining the Alliance?",
                text="Tell us about your organisation and we will explain how it can take part in the Alliance, "
                "through the federation or as a member in its own right.",
                page=pages["membership_enquiry"],
                link_text="Ask about membership",
            ),
            faq(
                [
                    (
                        "Can an individual join the Alliance?",
                        "<p>No. Its members are organisations: co-operative federations and enterprises. People "
                        "take part through the co-operatives they belong to.</p>",
                    ),
                    (
                        "How many organisations are members already?",
                        "<p>310 organisations from 107 countries, which together represent nearly a billion "
                        "people.</p>",
                    ),
                    (
                        "Where is the Alliance based?",
                        "<p>Its head office is in Brussels, Belgium, and regional offices serve the Americas, "
                        "Europe, Africa and Asia-Pacific. The "
                        f"{page_link(pages['alliance'], 'Alliance page')} lists them.</p>",
                    ),
                    (
                        "Which sectors do members come from?",
                        "<p>Almost all of them: agriculture, fishing, banking and savings, insurance, industry, "
                        "social housing, health, public and consumer services, tourism and more.</p>",
                    ),
                ]
            ),
        ],
        "related_documents": [document(docs["membership_guide"]), document(docs["cooperative_identity"])],
    }


def membership_enquiry_fields(refs):
    return {
        "intro": "Tell us about your organisation and what you would like to know. A member of the federation's "
        "staff will reply within five working days.",
        "search_description": "Ask the National Federation of Co-operatives about membership of the International "
        "Co-operative Alliance.",
        "listing_image": refs.images["why_join"],
        "subject": "Membership enquiry from the website",
        "thank_you_text": "<p>Thank you: your enquiry has reached the federation. We will reply within five "
        "working days, usually sooner.</p><p>Meanwhile, the Alliance's own website explains "
        f'<a href="{ALLIANCE_MEMBERSHIP_URL}">who may become a member and how to apply</a>.</p>',
        "form_fields": [
            {"label": "Your name", "field_type": "singleline", "required": True},
            {"label": "Your e-mail address", "field_type": "email", "required": True},
            {"label": "Your organisation", "field_type": "singleline", "required": True},
            {
                "label": "Kind of organisation",
                "field_type": "dropdown",
                "required": True,
                "choices": "Co-operative enterprise\nNational federation\nInternational federation\nOther",
            },
            {"label": "Country", "field_type": "singleline", "required": True},
            {
                "label": "Your question",
                "field_type": "multiline",
                "required": True,
                "help_text": "What you would like to know about membership.",
            },
        ],
    }


def documents_fields(refs):
    return {
        "intro": "Reports, guides and fact sheets from the federation and about the Alliance, free to read and "
        "download.",
        "search_description": "The federation's documents library: annual reports, membership guides and fact "
        "sheets about the International Co-operative Alliance.",
        "listing_image": refs.images["documents"],
    }


def private_areas_fields(refs):
    return {
        "intro": "Briefings and working papers for member organisations.",
        "search_description": "The members' private areas of the National Federation of Co-operatives.",
        "listing_image": refs.images["private_areas"],
        "body": [
            heading("For members only"),
            rich_text(
                "<p>This section is open to the staff and representatives of member organisations. A colleague "
                "who needs an account of their own can ask the federation office for one.</p>"
            ),
        ],
    }


def members_briefing_fields(refs):
    images, docs = refs.images, refs.documents
    return {
        "intro": "What the board agreed at its spring meeting, and what it asks of member organisations before "
        "the general assembly.",
        "search_description": "The board's briefing to member organisations: this year's priorities and what "
        "members are asked to do.",
        "listing_image": images["members_briefing"],
        "body": [
            rich_text(
                "<p>This briefing sums up the decisions of the board's spring meeting. It is for member "
                "organisations only: please do not pass it on outside your co-operative.</p>"
            ),
            item_list(
                [
                    "Press for a chapter on co-operatives in the new small-business law.",
                    "Run a shared training programme for newly elected board members.",
                    "Put members in touch with co-operatives abroad through the Alliance's networks.",
                    "Publish a yearly survey of members' jobs, turnover and membership.",
                ],
                heading_text="The board's priorities",
                style="numbered",
            ),
            image(images["members_briefing"], caption="Every member organisation has a seat at the table."),
            heading("What we ask of you"),
            rich_text(
                "<p>Please send the name of your contact for policy work to the federation office by the end of "
                "the quarter, and comment on the "
                f"{document_link(docs['consultation_response_draft'], 'draft consultation response')}.</p>"
            ),
        ],
        "related_documents": [document(docs["board_minutes_spring_2025"]), document(docs["members_survey_2024"])],
    }


def assembly_papers_fields(refs):
    docs = refs.documents
    return {
        "intro": "Papers for the general assembly of member organisations: minutes, draft positions and the "
        "members' survey.",
        "search_description": "Papers for the federation's general assembly, for member organisations.",
        "listing_image": refs.images["private_areas"],
        "body": [
            rich_text(
                "<p>The general assembly is where member organisations hold the board to account and decide the "
                "federation's direction. Each member organisation has one vote, whatever its size.</p>"
                "<p>Read the papers below before the assembly, and send any questions to the federation office "
                "a week beforehand so that the board can prepare its answers.</p>"
            ),
            document_links(
                [
                    docs["board_minutes_spring_2025"],
                    docs["consultation_response_draft"],
                    docs["members_survey_2024"],
                ],
                heading_text="Assembly papers",
            ),
            item_list(
                [
                    "Approval of the 2024 accounts.",
                    "The board's priorities for the year.",
                    "The federation's response to the small-business law consultation.",
                    "Election of board members.",
                ],
                heading_text="On the agenda",
                style="numbered",
            ),
        ],
    }


HOME = PageSpec(key="home", model="home.HomePage", parent=None, title="Home", slug="home", fields=home_fields)

# Children before grandchildren: the loader creates them in this order.
PAGES = [
    PageSpec(
        key="about", model="about.AboutPage", parent="home", title="About us", slug="about-us", fields=about_fields
    ),
    PageSpec(
        key="alliance",
        model="about.AlliancePage",
        parent="about",
        title="International Co-operative Alliance",
        slug="international-co-operative-alliance",
        fields=alliance_fields,
    ),
    PageSpec(
        key="why_join",
        model="about.WhyJoinPage",
        parent="about",
        title="Why join the ICA",
        slug="why-join-the-ica",
        fields=why_join_fields,
    ),
    PageSpec(
        key="membership_enquiry",
        model="about.MembershipEnquiryPage",
        parent="why_join",
        title="Ask about membership",
        slug="ask-about-membership",
        fields=membership_enquiry_fields,
        show_in_menus=False,
    ),
    PageSpec(
        key="documents",
        model="documents.DocumentsLibraryPage",
        parent="home",
        title="Documents",
        slug="documents",
        fields=documents_fields,
    ),
    PageSpec(
        key="private_areas",
        model="home.StandardPage",
        parent="home",
        title="Private areas",
        slug="private-areas",
        fields=private_areas_fields,
    ),
    PageSpec(
        key="members_briefing",
        model="home.StandardPage",
        parent="private_areas",
        title="Members' briefing",
        slug="members-briefing",
        fields=members_briefing_fields,
        show_in_menus=False,
    ),
    PageSpec(
        key="assembly_papers",
        model="home.StandardPage",
        parent="private_areas",
        title="General assembly papers",
        slug="general-assembly-papers",
        fields=assembly_papers_fields,
        show_in_menus=False,
    ),
]

# The section whose subtree only the Members group may see.
PRIVATE_SECTION = "private_areas"
