"""The demo pages in French: the same facts as ``content``, written in French (not translated word for word).

Keyed like ``content.PAGES``; each page is created as the French translation of the English page of that key.
Names of bodies follow the portal's glossary (Alliance coopérative internationale, ACI).
"""

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
from .content import PageTranslation

LANGUAGE = "fr"
# The Alliance's membership page (in English).
ALLIANCE_MEMBERSHIP_URL = "https://ica.coop/en/membership"

# The site settings' texts in French (``home.models.SiteTexts``).
SITE_TEXTS = {
    "organisation_name": "Fédération nationale des coopératives",
    "footer_text": "La Fédération nationale des coopératives porte la voix des coopératives du pays et adhère à "
    "l'Alliance coopérative internationale. C'est une organisation fictive, inventée pour cette démonstration.",
}


def home_fields(refs):
    pages, images, docs = refs.pages, refs.images, refs.documents
    return {
        "hero_heading": "Des coopératives qui avancent ensemble, ici et partout dans le monde",
        "intro": "La Fédération nationale des coopératives rassemble les coopératives du pays. Ce portail présente "
        "qui nous sommes, notre place au sein de l'Alliance coopérative internationale, et l'endroit où nos "
        "membres trouvent leurs documents.",
        "search_description": "La Fédération nationale des coopératives : qui nous sommes, notre adhésion à "
        "l'Alliance coopérative internationale, notre bibliothèque de documents et l'espace membres.",
        "highlights": [
            highlight_card(
                pages["about"],
                text="Qui nous sommes et quelle place nous tenons dans le mouvement coopératif mondial.",
                picture=images["about"],
            ),
            highlight_card(
                pages["documents"],
                text="Rapports, guides et fiches d'information à lire en ligne ou à télécharger.",
                picture=images["documents"],
            ),
            highlight_card(
                pages["private_areas"],
                title="L'espace membres",
                text="Notes et documents de travail réservés aux organisations membres. Connectez-vous pour "
                "les consulter.",
                picture=images["private_areas"],
            ),
        ],
        "body": [
            heading("Un mouvement qui appartient à ses membres"),
            rich_text(
                "<p>Une coopérative est une entreprise qui appartient à ceux qui s'en servent. Des agriculteurs "
                "qui vendent leurs récoltes ensemble, des épargnants qui gèrent leur propre banque, des locataires "
                "qui entretiennent eux-mêmes leurs logements : chaque fois, les membres se partagent le travail, "
                "les décisions et les résultats.</p>"
                "<p>Dans le pays, la fédération parle au nom de ces entreprises. Par l'intermédiaire de "
                f"l'{page_link(pages['alliance'], 'Alliance coopérative internationale')}, elle participe aussi à "
                "un mouvement qui touche près d'un milliard de personnes.</p>"
            ),
            key_figures(
                [
                    ("1895", "l'année de naissance de l'Alliance, à Londres"),
                    ("310", "organisations membres de l'Alliance"),
                    ("107", "pays d'où elles viennent"),
                    ("Près d'un milliard", "de personnes représentées"),
                ],
                heading_text="L'Alliance en chiffres",
            ),
            document_links(
                [docs["annual_report_2024"], docs["alliance_at_a_glance"]], heading_text="Parutions récentes"
            ),
            call_to_action(
                "Vous pensez à adhérer ?",
                text="Découvrez ce qu'apporte l'adhésion à l'Alliance et comment vous renseigner.",
                page=pages["why_join"],
                link_text="Pourquoi adhérer à l'ACI",
            ),
        ],
    }


def about_fields(refs):
    pages = refs.pages
    images = refs.images
    return {
        "intro": "Nous sommes une fédération d'entreprises coopératives. Nous représentons nos membres, nous les "
        "aidons à apprendre les uns des autres et nous les mettons en relation avec des coopérateurs d'autres pays.",
        "search_description": "Qui est la Fédération nationale des coopératives, ce qu'elle fait pour ses membres "
        "et comment elle s'inscrit dans l'Alliance coopérative internationale.",
        "body": [
            heading("Ce que nous faisons"),
            rich_text(
                "<p>Nos membres sont des coopératives de toutes tailles et de tous métiers : épiceries de village, "
                "coopératives d'approvisionnement agricole, mais aussi caisses de crédit, mutuelles d'assurance "
                "et coopératives d'habitation. Chacune appartient aux personnes qu'elle sert, qui en gardent le "
                "contrôle ; la fédération, à son tour, appartient à ses membres et leur rend des comptes.</p>"
                "<ul><li>Nous défendons la cause des coopératives auprès du gouvernement et des pouvoirs "
                "publics.</li>"
                "<li>Nous recueillons et diffusons des informations, des bonnes pratiques et des contacts "
                "utiles.</li>"
                "<li>Nous organisons des rencontres où les membres comparent leurs expériences et s'attaquent "
                "ensemble aux problèmes communs.</li></ul>"
            ),
            image(
                images["about"],
                caption="Beaucoup d'entreprises, une seule fédération.",
                alt_text="Œuvre abstraite : trois anneaux entrelacés, blanc, corail et or, sur fond bleu canard.",
            ),
            heading("Membres d'un mouvement mondial"),
            rich_text(
                "<p>La fédération est membre de "
                f"l'{page_link(pages['alliance'], 'Alliance coopérative internationale')}, l'organisation "
                "mondiale des coopératives. Grâce à elle, les préoccupations de nos membres parviennent jusqu'aux "
                "organisations coopératives régionales et aux Nations unies.</p>"
                "<p>Si votre organisation envisage d'adhérer, "
                f"{page_link(pages['why_join'], 'découvrez pourquoi les coopératives rejoignent l’Alliance')}.</p>"
            ),
        ],
    }


def alliance_fields(refs):
    pages, docs = refs.pages, refs.documents
    return {
        # The key facts in French; the numbers, the years and the website are the English page's.
        "organisation_name": "Alliance coopérative internationale",
        "founded_city": "Londres",
        "people_represented_qualifier": "près de",
        "headquarters_city": "Bruxelles",
        "headquarters_country": "Belgique",
        "ecosoc_status": "statut consultatif général (anciennement catégorie I)",
        "intro": "Créée en 1895, l'Alliance est la maison commune du mouvement coopératif mondial : une "
        "organisation non gouvernementale indépendante, dont les membres sont des organisations coopératives de "
        "tous les continents.",
        "search_description": "L'essentiel sur l'Alliance coopérative internationale : fondée à Londres en 1895, "
        "310 organisations membres dans 107 pays, un siège à Bruxelles et quatre bureaux régionaux.",
        "regional_offices": [
            {"region": "Amériques", "name": "Cooperatives of the Americas"},
            {"region": "Europe", "name": "Cooperatives Europe"},
            {"region": "Afrique", "name": "Cooperatives Africa"},
            {"region": "Asie-Pacifique", "name": "ICA Asia and Pacific"},
        ],
        "body": [
            heading("Qu'est-ce que l'Alliance ?"),
            rich_text(
                "<p>L'Alliance rend des comptes à ses membres, et à aucun gouvernement. Sa mission : unir les "
                "coopératives par-delà les frontières, les représenter et les servir.</p>"
                "<p>Elle a vu le jour à Londres en 1895, ce qui en fait l'une des plus anciennes organisations "
                "internationales encore en activité. Elle compte aujourd'hui 310 organisations membres dans "
                "107 pays, qui parlent ensemble au nom de près d'un milliard de personnes.</p>"
            ),
            heading("Les secteurs de ses membres", level="h3"),
            rich_text(
                "<p>Ses membres sont des organisations coopératives, nationales et internationales. On les trouve "
                "dans presque tous les secteurs de l'économie, notamment :</p>"
                "<ul><li>l'agriculture et la pêche</li><li>la banque, le crédit et l'épargne</li>"
                "<li>l'assurance</li><li>l'industrie</li><li>le logement social</li><li>la santé</li>"
                "<li>les services publics et les services aux consommateurs</li><li>le tourisme</li></ul>"
            ),
            heading("Une voix aux Nations unies"),
            rich_text(
                "<p>En 1946, l'Alliance a été la première organisation non gouvernementale à obtenir le statut "
                "consultatif auprès des Nations unies. Elle bénéficie aujourd'hui du statut consultatif général "
                "(anciennement catégorie I) auprès du Conseil économique et social des Nations unies (ECOSOC), "
                "une place qu'elle ne partage qu'avec 41 organisations.</p>"
            ),
            key_figures(
                [
                    ("1946", "première ONG dotée du statut consultatif à l'ONU"),
                    ("41", "organisations dans la catégorie générale de l'ECOSOC"),
                    ("4", "bureaux régionaux"),
                    ("107", "pays où elle compte des organisations membres"),
                ],
                heading_text="Reconnaissance et rayonnement",
            ),
            heading("Objectifs"),
            rich_text(
                "<p>Son but premier est de renforcer partout des coopératives indépendantes, en agissant aux "
                "niveaux international, régional et national. L'Alliance s'attache également à :</p>"
            ),
            item_list(
                [
                    "bâtir un mouvement coopératif mondial fondé sur l'entraide et le contrôle démocratique ;",
                    "défendre et faire respecter les valeurs et principes coopératifs qui font une coopérative ;",
                    "favoriser les échanges commerciaux et les autres liens utiles à ses organisations membres ;",
                    "soutenir un développement humain durable et aider chacun à progresser sur le plan économique "
                    "et social ;",
                    "faire avancer le progrès économique et social, et contribuer ainsi à la paix et à la sécurité "
                    "dans le monde ;",
                    "faire de l'égalité entre les femmes et les hommes la règle dans toutes les activités et "
                    "décisions coopératives.",
                ]
            ),
            heading("Ce que fait l'Alliance"),
            rich_text(
                "<h3>Faire connaître les coopératives et parler en leur nom</h3>"
                "<p>L'Alliance explique le modèle coopératif au grand public, aux gouvernements et aux institutions "
                "régionales et internationales. Quand le mouvement a besoin de se faire entendre, c'est elle qui "
                "prend la parole.</p>"
                "<h3>Faire une place aux coopératives dans le droit et les politiques publiques</h3>"
                "<p>Les coopératives se développent mieux là où les lois et les règles administratives tiennent "
                "compte de leur fonctionnement. L'Alliance soutient ses membres qui réclament de telles règles, "
                "par un appui politique et des conseils d'experts, pour que les coopératives puissent rivaliser "
                "à armes égales avec les autres entreprises.</p>"
                "<h3>Partager l'information et créer des réseaux</h3>"
                "<p>Les membres reçoivent des informations, des exemples de bonnes pratiques et des contacts. "
                "L'Alliance publie des rapports, organise des réunions et des ateliers sur les questions "
                "auxquelles les coopératives sont confrontées, et met les coopératives en relation pour qu'elles "
                "commercent entre elles et partagent leur savoir-faire.</p>"
                "<h3>Assistance technique et développement</h3>"
                "<p>Grâce à son programme de développement, l'Alliance apporte une aide technique, renforce les "
                "compétences et aide les coopératives à trouver des financements. Elle soutient la création "
                "d'emplois, la microfinance et la lutte contre la pauvreté dans le monde entier.</p>"
            ),
            heading("Siège et bureaux régionaux"),
            rich_text(
                "<p>Le siège de l'Alliance se trouve à Bruxelles, en Belgique. Quatre bureaux régionaux, pour les "
                "Amériques, l'Europe, l'Afrique et l'Asie-Pacifique, travaillent au plus près des membres ; "
                f"l'{document_link(docs['regional_offices_directory'], 'annuaire des bureaux régionaux')} les "
                "présente un par un (en anglais).</p>"
            ),
            quote(
                "Les coopératives forment un seul mouvement dans de nombreux pays. L'Alliance est leur lieu de "
                "rencontre.",
                attribution="Le conseil d'administration de la Fédération nationale des coopératives",
            ),
            rich_text(
                '<p>Pour en savoir plus, consultez le site de l\'Alliance, <a href="https://ica.coop">ica.coop</a>, '
                f"ou {page_link(pages['why_join'], 'découvrez pourquoi les coopératives y adhèrent')}.</p>"
            ),
        ],
        "related_documents": [
            document(docs["alliance_at_a_glance"]),
            document(docs["regional_offices_directory"]),
        ],
    }


def why_join_fields(refs):
    pages, docs = refs.pages, refs.documents
    return {
        "intro": "Adhérer à l'Alliance coopérative internationale, c'est relier une organisation coopérative à un "
        "réseau mondial, à une voix commune et à une aide concrète. Voici ce que l'adhésion apporte et comment "
        "vous renseigner.",
        "search_description": "Pourquoi les organisations coopératives adhèrent à l'Alliance coopérative "
        "internationale : représentation, réseau mondial, information, appui juridique et contacts d'affaires.",
        "body": [
            benefits(
                [
                    (
                        "voice",
                        "Une voix là où se prennent les décisions",
                        "L'Alliance parle au nom des coopératives auprès des gouvernements, des organismes "
                        "régionaux et des Nations unies, où elle bénéficie du statut consultatif général.",
                    ),
                    (
                        "network",
                        "Un réseau mondial",
                        "Rencontrez des coopérateurs de 107 pays et de tous les secteurs, de l'agriculture et la "
                        "pêche à la banque, l'assurance et le logement.",
                    ),
                    (
                        "knowledge",
                        "Information et bonnes pratiques",
                        "Publications, réunions et ateliers tiennent les membres informés et leur permettent de "
                        "s'inspirer de ce qui a fait ses preuves ailleurs.",
                    ),
                    (
                        "support",
                        "Un appui juridique et politique",
                        "Des conseils d'experts et un soutien politique quand les membres plaident pour des lois et "
                        "des procédures adaptées aux coopératives.",
                    ),
                    (
                        "trade",
                        "Des contacts d'affaires",
                        "Des mises en relation avec des coopératives d'autres pays, pour commercer et partager la "
                        "connaissance des marchés.",
                    ),
                    (
                        "values",
                        "Des valeurs partagées",
                        "Un engagement commun pour l'entraide, la démocratie et l'égalité, notamment entre les "
                        "femmes et les hommes.",
                    ),
                ],
                heading_text="Ce que les membres y gagnent",
            ),
            heading("Qui peut adhérer ?"),
            rich_text(
                "<p>Les membres de l'Alliance sont des organisations, et non des particuliers : des fédérations "
                "coopératives nationales et internationales et des entreprises coopératives. Si votre coopérative "
                "est membre de notre fédération, elle participe déjà à l'Alliance par notre intermédiaire.</p>"
                f"<p>Notre {document_link(docs['membership_guide'], 'guide de l’adhésion')} (en anglais) explique "
                "comment une coopérative rejoint la fédération.</p>"
            ),
            call_to_action(
                "Vous souhaitez rejoindre l'Alliance ?",
                text="Présentez-nous votre organisation : nous vous expliquerons comment elle peut participer à "
                "l'Alliance, par l'intermédiaire de la fédération ou en tant que membre à part entière.",
                page=pages["membership_enquiry"],
                link_text="Se renseigner sur l'adhésion",
            ),
            faq(
                [
                    (
                        "Un particulier peut-il adhérer à l'Alliance ?",
                        "<p>Non. Ses membres sont des organisations : fédérations et entreprises coopératives. Les "
                        "personnes y participent à travers les coopératives dont elles sont membres.</p>",
                    ),
                    (
                        "Combien d'organisations en sont déjà membres ?",
                        "<p>310 organisations de 107 pays, qui représentent ensemble près d'un milliard de "
                        "personnes.</p>",
                    ),
                    (
                        "Où l'Alliance est-elle installée ?",
                        "<p>Son siège est à Bruxelles, en Belgique, et des bureaux régionaux couvrent les "
                        "Amériques, l'Europe, l'Afrique et l'Asie-Pacifique. La "
                        f"{page_link(pages['alliance'], 'page consacrée à l’Alliance')} les présente.</p>",
                    ),
                    (
                        "De quels secteurs viennent les membres ?",
                        "<p>De presque tous : agriculture, pêche, banque et épargne, assurance, industrie, logement "
                        "social, santé, services publics et services aux consommateurs, tourisme, et bien "
                        "d'autres.</p>",
                    ),
                ],
                heading_text="Questions fréquentes",
            ),
        ],
        "related_documents": [document(docs["membership_guide"]), document(docs["cooperative_identity"])],
    }


def membership_enquiry_fields(refs):
    return {
        "intro": "Présentez-nous votre organisation et dites-nous ce que vous aimeriez savoir. Un membre de "
        "l'équipe de la fédération vous répondra sous cinq jours ouvrés.",
        "search_description": "Renseignez-vous auprès de la Fédération nationale des coopératives sur l'adhésion "
        "à l'Alliance coopérative internationale.",
        "subject": "Demande d'information sur l'adhésion (site, en français)",
        "thank_you_text": "<p>Merci : votre demande est bien parvenue à la fédération. Nous vous répondrons sous "
        "cinq jours ouvrés, souvent plus tôt.</p><p>En attendant, le site de l'Alliance explique "
        f'<a href="{ALLIANCE_MEMBERSHIP_URL}">qui peut devenir membre et comment présenter sa candidature</a> '
        "(en anglais).</p>",
        "form_fields": [
            {"label": "Votre nom", "field_type": "singleline", "required": True},
            {"label": "Votre adresse e-mail", "field_type": "email", "required": True},
            {"label": "Votre organisation", "field_type": "singleline", "required": True},
            {
                "label": "Type d'organisation",
                "field_type": "dropdown",
                "required": True,
                "choices": "Entreprise coopérative\nFédération nationale\nFédération internationale\nAutre",
            },
            {"label": "Pays", "field_type": "singleline", "required": True},
            {
                "label": "Votre question",
                "field_type": "multiline",
                "required": True,
                "help_text": "Ce que vous aimeriez savoir sur l'adhésion.",
            },
        ],
    }


def documents_fields(refs):
    return {
        "intro": "Rapports, guides et fiches d'information de la fédération et sur l'Alliance, à lire et à "
        "télécharger librement.",
        "search_description": "La bibliothèque de documents de la fédération : rapports annuels, guides de "
        "l'adhésion et fiches d'information sur l'Alliance coopérative internationale.",
    }


def private_areas_fields(refs):
    return {
        "intro": "Notes d'information et documents de travail pour les organisations membres.",
        "search_description": "L'espace membres de la Fédération nationale des coopératives.",
        "body": [
            heading("Réservé aux membres"),
            rich_text(
                "<p>Cette rubrique est ouverte au personnel et aux représentants des organisations membres. Un "
                "collègue qui a besoin de son propre compte peut le demander au secrétariat de la fédération.</p>"
            ),
        ],
    }


def members_briefing_fields(refs):
    images, docs = refs.images, refs.documents
    return {
        "intro": "Les décisions du conseil d'administration lors de sa réunion de printemps, et ce qu'il attend des "
        "organisations membres avant l'assemblée générale.",
        "search_description": "La note du conseil d'administration aux organisations membres : les priorités de "
        "l'année et ce qui est demandé aux membres.",
        "body": [
            rich_text(
                "<p>Cette note résume les décisions prises par le conseil d'administration lors de sa réunion de "
                "printemps. Elle est réservée aux organisations membres : merci de ne pas la diffuser en dehors de "
                "votre coopérative.</p>"
            ),
            item_list(
                [
                    "Obtenir un chapitre consacré aux coopératives dans la nouvelle loi sur les petites entreprises.",
                    "Mettre en place un programme de formation commun pour les administrateurs nouvellement élus.",
                    "Mettre les membres en relation avec des coopératives étrangères grâce aux réseaux de l'Alliance.",
                    "Publier chaque année une enquête sur les emplois, le chiffre d'affaires et le nombre "
                    "d'adhérents des membres.",
                ],
                heading_text="Les priorités du conseil",
                style="numbered",
            ),
            image(
                images["members_briefing"],
                caption="Chaque organisation membre a sa place autour de la table.",
                alt_text="Œuvre abstraite : douze cercles de couleur autour d'un grand disque pâle, comme des "
                "personnes assises autour d'une table ronde.",
            ),
            heading("Ce que nous vous demandons"),
            rich_text(
                "<p>Merci d'envoyer au secrétariat de la fédération, d'ici la fin du trimestre, le nom de la "
                "personne chargée des questions de politique publique dans votre organisation, et de commenter le "
                f"{document_link(docs['consultation_response_draft'], 'projet de réponse à la consultation')}.</p>"
            ),
        ],
        "related_documents": [document(docs["board_minutes_spring_2025"]), document(docs["members_survey_2024"])],
    }


def assembly_papers_fields(refs):
    docs = refs.documents
    return {
        "intro": "Les documents de l'assemblée générale des organisations membres : procès-verbal, projets de "
        "position et enquête auprès des membres.",
        "search_description": "Les documents de l'assemblée générale de la fédération, pour les organisations membres.",
        "body": [
            rich_text(
                "<p>L'assemblée générale est le lieu où les organisations membres demandent des comptes au conseil "
                "d'administration et décident des orientations de la fédération. Chaque organisation membre y "
                "dispose d'une voix, quelle que soit sa taille.</p>"
                "<p>Lisez les documents ci-dessous avant l'assemblée et envoyez vos questions au secrétariat de la "
                "fédération une semaine à l'avance, pour que le conseil puisse préparer ses réponses.</p>"
            ),
            document_links(
                [
                    docs["board_minutes_spring_2025"],
                    docs["consultation_response_draft"],
                    docs["members_survey_2024"],
                ],
                heading_text="Documents de l'assemblée",
            ),
            item_list(
                [
                    "Approbation des comptes 2024.",
                    "Les priorités du conseil pour l'année.",
                    "La réponse de la fédération à la consultation sur la loi relative aux petites entreprises.",
                    "Élection des administrateurs.",
                ],
                heading_text="Ordre du jour",
                style="numbered",
            ),
        ],
    }


PAGES = {
    "home": PageTranslation(title="Accueil", slug="accueil", fields=home_fields),
    "about": PageTranslation(title="À propos", slug="a-propos", fields=about_fields),
    "alliance": PageTranslation(
        title="Alliance coopérative internationale", slug="alliance-cooperative-internationale", fields=alliance_fields
    ),
    "why_join": PageTranslation(
        title="Pourquoi adhérer à l'ACI", slug="pourquoi-adherer-a-l-aci", fields=why_join_fields
    ),
    "membership_enquiry": PageTranslation(
        title="Se renseigner sur l'adhésion", slug="se-renseigner-sur-l-adhesion", fields=membership_enquiry_fields
    ),
    "documents": PageTranslation(title="Documents", slug="bibliotheque", fields=documents_fields),
    "private_areas": PageTranslation(title="Espace membres", slug="espace-membres", fields=private_areas_fields),
    "members_briefing": PageTranslation(
        title="Note d'information aux membres", slug="note-aux-membres", fields=members_briefing_fields
    ),
    "assembly_papers": PageTranslation(
        title="Documents de l'assemblée générale",
        slug="documents-de-l-assemblee-generale",
        fields=assembly_papers_fields,
    ),
}
