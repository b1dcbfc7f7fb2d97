"""The demo documents: their titles, descriptions and the text of the PDFs generated for them.

The facts about the International Co-operative Alliance come from the portal's seed notes; the wording is
the portal's own. The National Federation of Co-operatives is fictional, and so is everything said about it.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

FEDERATION = "National Federation of Co-operatives"


@dataclass(frozen=True)
class DemoCategory:
    slug: str
    name: str
    description: str


GUIDES = DemoCategory("guides", "Guides", "How-to guides and introductions for members and their staff.")
FACT_SHEETS = DemoCategory("fact-sheets", "Fact sheets", "Short factual summaries, mostly about the Alliance.")
ANNUAL_REPORTS = DemoCategory("annual-reports", "Annual reports", "The federation's yearly reports and summaries.")
GOVERNANCE = DemoCategory("governance", "Governance", "Board minutes and draft positions, for members.")
SURVEYS = DemoCategory("surveys", "Surveys and data", "Survey findings and data files.")
CATEGORIES = [GUIDES, FACT_SHEETS, ANNUAL_REPORTS, GOVERNANCE, SURVEYS]


@dataclass(frozen=True)
class DemoDocument:
    """One demo document. ``sections`` is the PDF's content (see ``home.demo.pdf``), or a CSV file's rows when
    ``filename`` ends in ``.csv``."""

    key: str
    title: str
    description: str
    collection: str
    filename: str
    created: datetime
    sections: tuple
    category: DemoCategory = GUIDES
    language: str = "en"
    published: date | None = None
    # The key of the demo document this one translates: both join one translation set ("Also in Français").
    translation_of: str = ""

    @property
    def subject(self):
        return self.description

    @property
    def publication_date(self):
        return self.published or self.created.date()

    @property
    def is_csv(self):
        return self.filename.endswith(".csv")


ALLIANCE_AT_A_GLANCE = DemoDocument(
    key="alliance_at_a_glance",
    title="The Alliance at a glance",
    description="A one-page fact sheet on the International Co-operative Alliance: when it began, who belongs "
    "to it, where it works and what it is for.",
    collection="Library",
    filename="alliance-at-a-glance.pdf",
    category=FACT_SHEETS,
    published=date(2025, 2, 3),
    created=datetime(2025, 2, 3, 9, 0, tzinfo=UTC),
    sections=(
        ("h1", "The Alliance at a glance"),
        (
            "p",
            "The International Co-operative Alliance is the worldwide body of the co-operative movement. It is "
            "independent of governments, it is governed by its members, and its purpose is to bring co-operatives "
            "together, to speak for them and to work for them.",
        ),
        ("h2", "Key facts"),
        (
            "ul",
            [
                "Founded: 1895, in London.",
                "Members: 310 organisations from 107 countries.",
                "People represented: nearly one billion, through the co-operatives its members bring together.",
                "Head office: Brussels, Belgium.",
                "Regional offices: four, serving the Americas, Europe, Africa and Asia-Pacific.",
                "United Nations: in 1946 it became the first non-governmental organisation to gain consultative "
                "status with the UN. It now holds general (Category I) status with the Economic and Social "
                "Council, ECOSOC, one of 41 organisations in that category.",
                "Website: ica.coop",
            ],
        ),
        ("h2", "Who its members are"),
        (
            "p",
            "Its members are co-operative organisations, national and international, rather than individual "
            "people. They work in almost every field: farming and fishing, banking, credit and savings, "
            "insurance, industry, social housing, health care, public services, consumer services and tourism.",
        ),
        ("h2", "What it is for"),
        (
            "p",
            "Above all, the Alliance exists to help independent co-operatives become stronger in every part of "
            "the world. It pursues that aim internationally, regionally and nationally, and it stands up for the "
            "values and principles that make a business a co-operative.",
        ),
        (
            "p",
            f"This fact sheet was prepared by the {FEDERATION} for its members. For the Alliance's own, current "
            "information, see ica.coop.",
        ),
    ),
)

REGIONAL_OFFICES_DIRECTORY = DemoDocument(
    key="regional_offices_directory",
    title="Regional offices directory",
    description="The International Co-operative Alliance's head office and its four regional offices, with "
    "the part of the world each one serves.",
    collection="Library",
    filename="regional-offices-directory.pdf",
    category=FACT_SHEETS,
    published=date(2024, 6, 10),
    created=datetime(2025, 2, 10, 9, 0, tzinfo=UTC),
    sections=(
        ("h1", "Regional offices directory"),
        (
            "p",
            "The Alliance works from a head office in Brussels, Belgium, and from four regional offices. The "
            "regional offices keep in close touch with members in their part of the world, bring them together "
            "and carry the Alliance's work to regional institutions.",
        ),
        ("h2", "Head office"),
        ("p", "International Co-operative Alliance, Brussels, Belgium."),
        ("h2", "The Americas"),
        ("p", "Cooperatives of the Americas serves members across North, Central and South America and the Caribbean."),
        ("h2", "Europe"),
        ("p", "Cooperatives Europe serves the Alliance's members in the countries of Europe."),
        ("h2", "Africa"),
        ("p", "Cooperatives Africa serves the Alliance's members across the African continent."),
        ("h2", "Asia-Pacific"),
        ("p", "ICA Asia and Pacific serves members from Asia and from the countries of the Pacific."),
        ("h2", "Contacting an office"),
        (
            "p",
            "Addresses and telephone numbers change from time to time, so this directory does not list them. "
            "The Alliance's website, ica.coop, gives every office's current contact details. Members of the "
            f"{FEDERATION} can also ask the federation office to put them in touch.",
        ),
    ),
)

MEMBERSHIP_GUIDE = DemoDocument(
    key="membership_guide",
    title="Membership guide",
    description="What membership of the federation, and through it of the International Co-operative "
    "Alliance, offers a co-operative, who may apply and how the application works.",
    collection="Library",
    filename="membership-guide.pdf",
    category=GUIDES,
    published=date(2025, 3, 4),
    created=datetime(2025, 3, 4, 9, 0, tzinfo=UTC),
    sections=(
        ("h1", "Membership guide"),
        (
            "p",
            f"This guide is for co-operatives thinking of joining the {FEDERATION}. It explains what members "
            "receive, who may apply and what happens once an application arrives.",
        ),
        ("h2", "Why co-operatives join"),
        (
            "p",
            "A single co-operative can do a great deal for its own members. A federation lets many co-operatives "
            "do together what none of them could manage alone. Members of the federation gain:",
        ),
        (
            "ul",
            [
                "a voice with government and public bodies when laws and rules that affect co-operatives are "
                "being written;",
                "news, guidance and examples of good practice from other co-operatives;",
                "meetings and workshops where staff and board members can learn from their peers;",
                "introductions to co-operatives in other countries, for trade and for the exchange of ideas;",
                "a place, through the federation, in the International Co-operative Alliance.",
            ],
        ),
        ("h2", "The international link"),
        (
            "p",
            "The federation belongs to the International Co-operative Alliance, which has 310 member "
            "organisations in 107 countries and speaks for nearly a billion people. Through the Alliance our "
            "members' concerns reach the regional co-operative organisations and the United Nations, where the "
            "Alliance holds general consultative status with the Economic and Social Council.",
        ),
        ("h2", "Who may apply"),
        (
            "p",
            "Any co-operative registered in the country may apply, whatever its trade or size, as long as it is "
            "owned and democratically controlled by its members. Federations of co-operatives in a region or a "
            "sector may join as well.",
        ),
        ("h2", "How to apply"),
        (
            "ol",
            [
                "Write to the federation office to ask for an application form.",
                "Return the form with your rules and your latest annual accounts.",
                "A member of staff will visit or call to get to know your co-operative.",
                "The board considers the application at its next meeting and writes to you with its decision.",
            ],
        ),
        ("h2", "Once you are a member"),
        (
            "p",
            "New members receive logins for the portal's private areas, where the federation publishes its "
            "briefings and working papers, and an invitation to the next general assembly. Each member "
            "organisation has a vote at the assembly, whatever its size.",
        ),
    ),
)

COOPERATIVE_IDENTITY = DemoDocument(
    key="cooperative_identity",
    title="The co-operative identity: a short guide",
    description="A plain-English introduction to what a co-operative is and to the values and principles "
    "that co-operatives around the world share.",
    collection="Library",
    filename="co-operative-identity-short-guide.pdf",
    category=GUIDES,
    published=date(2023, 1, 20),
    created=datetime(2025, 1, 20, 9, 0, tzinfo=UTC),
    sections=(
        ("h1", "The co-operative identity: a short guide"),
        (
            "p",
            "Co-operatives come in many shapes, from a village shop to a bank with millions of customers. What "
            "they have in common is who owns them and why they exist. This short guide, written by the "
            f"{FEDERATION} for its members and their staff, sets out that common ground.",
        ),
        ("h2", "What a co-operative is"),
        (
            "p",
            "A co-operative is an enterprise that people set up and own together to meet needs they share, "
            "whether economic, social or cultural. It is run democratically: the members decide, and each "
            "member has an equal say.",
        ),
        ("h2", "Shared values"),
        (
            "p",
            "Co-operatives rest on self-help and mutual responsibility, on democracy, equality and fairness, "
            "and on solidarity between members. Their members are expected to be honest and open, to take "
            "responsibility for the world around them and to care for others.",
        ),
        ("h2", "Principles in practice"),
        (
            "ol",
            [
                "Open membership: anyone who can use the co-operative's services and accepts the duties of a "
                "member may join, without discrimination.",
                "Democratic control: members set policy and elect their representatives, usually on the rule "
                "of one member, one vote.",
                "Members' economic participation: members provide the capital, control it democratically and "
                "share in any surplus in proportion to their use of the co-operative.",
                "Autonomy: a co-operative remains under its members' control, whatever agreements it makes "
                "with governments or lenders.",
                "Education and information: co-operatives train their members, staff and officers, and explain "
                "the co-operative way to the public.",
                "Co-operation between co-operatives: they serve their members best by working together, "
                "locally, nationally and internationally.",
                "Care for the community: they work for the lasting good of the places where they operate.",
            ],
        ),
        ("h2", "Equality between women and men"),
        (
            "p",
            "The International Co-operative Alliance counts gender equality in all co-operative activity, and in "
            "the way decisions are made, among its aims. The federation asks its members to report each year on "
            "the make-up of their boards.",
        ),
        ("h2", "Where to read more"),
        (
            "p",
            "The International Co-operative Alliance keeps the official statement of the co-operative identity. "
            "It can be found on the Alliance's website, ica.coop.",
        ),
    ),
)

ANNUAL_REPORT = DemoDocument(
    key="annual_report_2024",
    title="Federation annual report 2024",
    description="The federation's report on its work in 2024: representing members, sharing knowledge, "
    "international links and the year ahead.",
    collection="Library",
    filename="federation-annual-report-2024.pdf",
    category=ANNUAL_REPORTS,
    published=date(2025, 4, 15),
    created=datetime(2025, 4, 15, 9, 0, tzinfo=UTC),
    sections=(
        ("h1", "Federation annual report 2024"),
        (
            "p",
            f"This report describes the work of the {FEDERATION} in 2024. It is presented to the general assembly "
            "of member organisations and published for anyone who wants to know what the federation does.",
        ),
        ("h2", "A word from the board"),
        (
            "p",
            "The year tested many of our members. Higher costs squeezed shops and farm co-operatives alike, and "
            "housing co-operatives faced rising repair bills. Yet members kept their doors open, kept their "
            "prices fair and, in several towns, took over services that would otherwise have closed. The board "
            "thanks every member organisation, and every volunteer who sits on a co-operative board, for that "
            "work.",
        ),
        ("h2", "Speaking for co-operatives"),
        (
            "p",
            "The federation met ministers and officials throughout the year to explain how proposed changes to "
            "business law would affect co-operatives. We asked that the law recognise members' shares as what "
            "they are, a stake in a jointly owned enterprise, and that reporting rules be sized to the small "
            "co-operatives that make up most of our membership.",
        ),
        ("h2", "Sharing knowledge"),
        (
            "ul",
            [
                "A programme of evening workshops for newly elected board members.",
                "A series of briefings in the members' private area on governance, accounts and digital tools.",
                "Regional meetings where members compared their experience of the year and planned joint purchasing.",
            ],
        ),
        ("h2", "Our international links"),
        (
            "p",
            "As a member of the International Co-operative Alliance, the federation is part of a movement that "
            "began in London in 1895 and now brings together 310 organisations from 107 countries. During the "
            "year we took part in the Alliance's regional work in Europe and welcomed visiting co-operators "
            "from Africa and Asia-Pacific. These links let our members see how others tackle the problems they "
            "face, and open doors for trade.",
        ),
        ("h2", "Finances in brief"),
        (
            "p",
            "The federation is funded by its members' subscriptions and by fees for training. It ended the year "
            "with a small surplus, which the board proposes to put towards next year's training programme. The "
            "full accounts are available to members in the private area.",
        ),
        ("h2", "The year ahead"),
        (
            "ol",
            [
                "Keep making the case for fair treatment of co-operatives in business law.",
                "Extend the training programme to staff as well as board members.",
                "Help members find partners abroad through the Alliance's networks.",
                "Publish a yearly survey of members' jobs, turnover and membership.",
            ],
        ),
        (
            "p",
            "The general assembly will discuss this report and the board's plans for the coming year. Every member "
            "organisation is welcome to send representatives.",
        ),
    ),
)


# Members-only documents: they sit in the "Members documents" collection, which only the Members group may see.
MEMBERS_COLLECTION = "Members documents"

BOARD_MINUTES = DemoDocument(
    key="board_minutes_spring_2025",
    title="Board minutes: spring meeting 2025",
    description="The minutes of the federation board's spring meeting: the year's priorities, the accounts "
    "and the general assembly. For member organisations only.",
    collection=MEMBERS_COLLECTION,
    filename="board-minutes-spring-2025.pdf",
    category=GOVERNANCE,
    published=date(2025, 4, 2),
    created=datetime(2025, 4, 2, 9, 0, tzinfo=UTC),
    sections=(
        ("h1", "Board minutes: spring meeting 2025"),
        ("p", "For member organisations only. Please do not circulate outside your co-operative."),
        ("h2", "Present"),
        ("p", "The chair, the treasurer, seven elected board members and the federation's director."),
        ("h2", "1. The year's priorities"),
        (
            "p",
            "The board agreed four priorities for the year: a chapter on co-operatives in the new small-business "
            "law, a shared training programme for newly elected board members, introductions to co-operatives "
            "abroad through the International Co-operative Alliance, and a yearly survey of members.",
        ),
        ("h2", "2. Accounts for 2024"),
        (
            "p",
            "The treasurer presented the draft accounts, which show a small surplus. The board approved them for "
            "presentation to the general assembly and proposed that the surplus go to the training programme.",
        ),
        ("h2", "3. General assembly"),
        (
            "p",
            "The assembly will be held in the autumn. Members will receive the papers four weeks beforehand in "
            "the portal's private area.",
        ),
        ("h2", "Actions"),
        (
            "ul",
            [
                "Director: send members the call for policy contacts.",
                "Treasurer: publish the approved accounts in the private area.",
                "Chair: write to the Alliance's European regional office about the exchange visits.",
            ],
        ),
    ),
)

CONSULTATION_RESPONSE = DemoDocument(
    key="consultation_response_draft",
    title="Draft response: small-business law consultation",
    description="The federation's draft answer to the government's consultation on the new small-business "
    "law, for members' comments. For member organisations only.",
    collection=MEMBERS_COLLECTION,
    filename="draft-response-small-business-law.pdf",
    category=GOVERNANCE,
    published=date(2025, 4, 20),
    created=datetime(2025, 4, 20, 9, 0, tzinfo=UTC),
    sections=(
        ("h1", "Draft response: small-business law consultation"),
        (
            "p",
            "This is a draft for members' comments, not the federation's final position. Please send comments to "
            "the federation office before the end of next month.",
        ),
        ("h2", "Our main points"),
        (
            "ol",
            [
                "The law should name co-operatives as a form of enterprise in their own right, owned and "
                "controlled by their members.",
                "Members' shares are a stake in a jointly owned business and should not be treated as ordinary "
                "investments.",
                "Reporting duties should be sized to the enterprise: most co-operatives are small.",
                "Co-operatives should be free to keep part of their surplus as reserves that belong to the "
                "co-operative as a whole.",
            ],
        ),
        ("h2", "Why it matters"),
        (
            "p",
            "Co-operatives can only compete on equal terms when the law recognises how they work. The "
            "International Co-operative Alliance supports national federations in making this case, and we will "
            "draw on its experience from other countries.",
        ),
    ),
)

MEMBERS_SURVEY = DemoDocument(
    key="members_survey_2024",
    title="Members' survey 2024: summary",
    description="What member organisations told the federation in its 2024 survey about their work, their "
    "worries and the help they want. For member organisations only.",
    collection=MEMBERS_COLLECTION,
    filename="members-survey-2024-summary.pdf",
    category=SURVEYS,
    published=date(2025, 3, 18),
    created=datetime(2025, 3, 18, 9, 0, tzinfo=UTC),
    sections=(
        ("h1", "Members' survey 2024: summary"),
        (
            "p",
            "Every member organisation was invited to answer the survey. This summary gives the main findings; the "
            "detailed tables are available from the federation office.",
        ),
        ("h2", "What members told us"),
        (
            "ul",
            [
                "Rising costs were the most common worry, for shops and farm co-operatives above all.",
                "Many boards find it hard to recruit new members to stand for election.",
                "Members value the federation's workshops and want more of them, in the evenings and online.",
                "A growing number want to trade with co-operatives in other countries.",
            ],
        ),
        ("h2", "What we will do"),
        (
            "p",
            "The board has used these findings to set its priorities for the year, described in the members' "
            "briefing in the private area.",
        ),
    ),
)

# Documents in French and Spanish, and a data file: the library's language and file-type filters have something
# to find. The wording is the portal's own; the facts about the Alliance are the same as in the English documents.

ALLIANCE_EN_BREF = DemoDocument(
    key="alliance_en_bref",
    title="L'Alliance en bref",
    translation_of="alliance_at_a_glance",
    description="Une fiche d'une page sur l'Alliance coopérative internationale : son histoire, ses membres, "
    "ses bureaux régionaux et sa mission.",
    collection="Library",
    filename="alliance-en-bref.pdf",
    created=datetime(2025, 2, 5, 9, 0, tzinfo=UTC),
    category=FACT_SHEETS,
    language="fr",
    published=date(2022, 9, 12),
    sections=(
        ("h1", "L'Alliance en bref"),
        (
            "p",
            "L'Alliance coopérative internationale est l'organisation mondiale du mouvement coopératif. Elle est "
            "indépendante des gouvernements et dirigée par ses membres. Elle rassemble les coopératives, parle en "
            "leur nom et travaille pour elles.",
        ),
        ("h2", "Les chiffres clés"),
        (
            "ul",
            [
                "Fondée en 1895, à Londres.",
                "Membres : 310 organisations de 107 pays.",
                "Personnes représentées : près d'un milliard de coopérateurs.",
                "Siège : Bruxelles, en Belgique.",
                "Bureaux régionaux : quatre, pour les Amériques, l'Europe, l'Afrique et l'Asie-Pacifique.",
            ],
        ),
        ("h2", "Sa mission"),
        (
            "p",
            "L'Alliance aide les coopératives indépendantes à se renforcer partout dans le monde. Elle défend les "
            "valeurs et les principes coopératifs auprès des Nations unies et des institutions régionales.",
        ),
        (
            "p",
            f"Fiche préparée par la {FEDERATION} pour ses membres francophones. Pour des informations à jour, "
            "consultez ica.coop.",
        ),
    ),
)

GUIDE_ADHESION = DemoDocument(
    key="guide_adhesion",
    title="Guide de l'adhésion",
    translation_of="membership_guide",
    description="Ce que l'adhésion à la fédération apporte à une coopérative, qui peut adhérer et comment se "
    "déroule la demande.",
    collection="Library",
    filename="guide-de-l-adhesion.pdf",
    created=datetime(2025, 3, 6, 9, 0, tzinfo=UTC),
    category=GUIDES,
    language="fr",
    published=date(2024, 3, 6),
    sections=(
        ("h1", "Guide de l'adhésion"),
        (
            "p",
            "Ce guide s'adresse aux coopératives qui envisagent de rejoindre la fédération. Il explique ce que "
            "reçoivent les membres, qui peut adhérer et ce qui se passe après la demande.",
        ),
        ("h2", "Pourquoi adhérer"),
        (
            "ul",
            [
                "Une voix auprès des pouvoirs publics lorsque les lois touchant les coopératives sont préparées.",
                "Des ateliers et des rencontres pour les administrateurs et les salariés.",
                "Des contacts avec des coopératives d'autres pays, grâce à l'Alliance.",
            ],
        ),
        ("h2", "Comment adhérer"),
        (
            "ol",
            [
                "Demandez un formulaire d'adhésion au secrétariat de la fédération.",
                "Renvoyez-le avec vos statuts et vos derniers comptes annuels.",
                "Le conseil d'administration examine la demande lors de sa prochaine réunion.",
            ],
        ),
    ),
)

GUIA_IDENTIDAD = DemoDocument(
    key="guia_identidad_cooperativa",
    title="Guía de la identidad cooperativa",
    translation_of="cooperative_identity",
    description="Una introducción sencilla a lo que es una cooperativa y a los valores y principios que "
    "comparten las cooperativas de todo el mundo.",
    collection="Library",
    filename="guia-identidad-cooperativa.pdf",
    created=datetime(2025, 1, 22, 9, 0, tzinfo=UTC),
    category=GUIDES,
    language="es",
    published=date(2021, 5, 17),
    sections=(
        ("h1", "Guía de la identidad cooperativa"),
        (
            "p",
            "Una cooperativa es una empresa que las personas crean y poseen en común para satisfacer necesidades "
            "compartidas, económicas, sociales o culturales. Se gestiona de forma democrática: cada socio tiene "
            "un voto.",
        ),
        ("h2", "Valores compartidos"),
        (
            "p",
            "Las cooperativas se basan en la autoayuda, la responsabilidad, la democracia, la igualdad, la "
            "equidad y la solidaridad. Sus socios practican la honestidad, la transparencia y el cuidado de los "
            "demás.",
        ),
        ("h2", "Los principios en la práctica"),
        (
            "ol",
            [
                "Adhesión voluntaria y abierta.",
                "Control democrático por parte de los socios.",
                "Participación económica de los socios.",
                "Autonomía e independencia.",
                "Educación, formación e información.",
                "Cooperación entre cooperativas.",
                "Compromiso con la comunidad.",
            ],
        ),
    ),
)

INFORME_ANUAL = DemoDocument(
    key="informe_anual_2023",
    title="Informe anual 2023: resumen",
    description="Resumen en español del informe anual de la federación: representación de los socios, "
    "formación y relaciones internacionales.",
    collection="Library",
    filename="informe-anual-2023-resumen.pdf",
    created=datetime(2024, 5, 2, 9, 0, tzinfo=UTC),
    category=ANNUAL_REPORTS,
    language="es",
    published=date(2024, 5, 2),
    sections=(
        ("h1", "Informe anual 2023: resumen"),
        (
            "p",
            f"Este resumen presenta el trabajo de la {FEDERATION} en 2023 para los socios y lectores de habla hispana.",
        ),
        ("h2", "Lo más destacado del año"),
        (
            "ul",
            [
                "Reuniones con el gobierno sobre la nueva ley de pequeñas empresas.",
                "Talleres de formación para los nuevos miembros de los consejos rectores.",
                "Intercambios con cooperativas de Europa, África y Asia-Pacífico a través de la Alianza.",
            ],
        ),
        ("h2", "Finanzas"),
        (
            "p",
            "La federación cerró el año con un pequeño superávit, que el consejo propone destinar al programa de "
            "formación.",
        ),
    ),
)

MEMBERS_BY_SECTOR = DemoDocument(
    key="members_by_sector_2024",
    title="Member organisations by sector, 2024",
    description="A data file: the number of member organisations in each sector at the end of 2024, with their "
    "members and staff.",
    collection="Library",
    filename="member-organisations-by-sector-2024.csv",
    created=datetime(2025, 1, 30, 9, 0, tzinfo=UTC),
    category=SURVEYS,
    language="en",
    published=date(2025, 1, 30),
    sections=(
        ("sector", "member_organisations", "members", "staff"),
        ("Agriculture and fishing", "64", "41200", "3900"),
        ("Consumer and retail", "38", "212000", "7400"),
        ("Credit and savings", "27", "156000", "1850"),
        ("Housing", "45", "18300", "620"),
        ("Health and social care", "19", "9400", "2300"),
        ("Workers' co-operatives", "52", "4100", "4100"),
    ),
)

PUBLIC_DOCUMENTS = [
    ALLIANCE_AT_A_GLANCE,
    REGIONAL_OFFICES_DIRECTORY,
    MEMBERSHIP_GUIDE,
    COOPERATIVE_IDENTITY,
    ANNUAL_REPORT,
    ALLIANCE_EN_BREF,
    GUIDE_ADHESION,
    GUIA_IDENTIDAD,
    INFORME_ANUAL,
    MEMBERS_BY_SECTOR,
]
MEMBERS_DOCUMENTS = [BOARD_MINUTES, CONSULTATION_RESPONSE, MEMBERS_SURVEY]
DOCUMENTS = [*PUBLIC_DOCUMENTS, *MEMBERS_DOCUMENTS]
