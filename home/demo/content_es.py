"""The demo pages in Spanish: the same facts as ``content``, written in Spanish (not translated word for word).

Keyed like ``content.PAGES``; each page is created as the Spanish translation of the English page of that key.
Names of bodies follow the portal's glossary (Alianza Cooperativa Internacional, ACI).
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

LANGUAGE = "es"
# The Alliance's membership page (in English).
ALLIANCE_MEMBERSHIP_URL = "https://ica.coop/en/membership"

# The site settings' texts in Spanish (``home.models.SiteTexts``).
SITE_TEXTS = {
    "organisation_name": "Federación Nacional de Cooperativas",
    "footer_text": "La Federación Nacional de Cooperativas representa a las cooperativas del país y es miembro de "
    "la Alianza Cooperativa Internacional. Es una organización ficticia, creada para esta demostración.",
}


def home_fields(refs):
    pages, images, docs = refs.pages, refs.images, refs.documents
    return {
        "hero_heading": "Cooperativas que trabajan juntas, en el país y en todo el mundo",
        "intro": "La Federación Nacional de Cooperativas reúne a las cooperativas del país. Este portal explica "
        "quiénes somos, cómo formamos parte de la Alianza Cooperativa Internacional y dónde encuentran los socios "
        "sus documentos.",
        "search_description": "La Federación Nacional de Cooperativas: quiénes somos, nuestra pertenencia a la "
        "Alianza Cooperativa Internacional, nuestra biblioteca de documentos y las áreas privadas para socios.",
        "highlights": [
            highlight_card(
                pages["about"],
                text="Quiénes somos y qué lugar ocupamos en el movimiento cooperativo mundial.",
                picture=images["about"],
            ),
            highlight_card(
                pages["documents"],
                text="Informes, guías y fichas informativas para leer en línea o descargar.",
                picture=images["documents"],
            ),
            highlight_card(
                pages["private_areas"],
                title="Áreas privadas para socios",
                text="Informes y documentos de trabajo para las organizaciones miembro. Inicie sesión para leerlos.",
                picture=images["private_areas"],
            ),
        ],
        "body": [
            heading("Un movimiento que pertenece a sus socios"),
            rich_text(
                "<p>Una cooperativa es una empresa que pertenece a quienes la utilizan. Agricultores que venden "
                "juntos sus cosechas, ahorradores que gestionan su propio banco, inquilinos que cuidan de sus "
                "propias viviendas: en todos los casos, los socios comparten el trabajo, las decisiones y los "
                "resultados.</p>"
                "<p>En el país, la federación habla en nombre de estas empresas. A través de la "
                f"{page_link(pages['alliance'], 'Alianza Cooperativa Internacional')} también forma parte de un "
                "movimiento que llega a cerca de mil millones de personas.</p>"
            ),
            key_figures(
                [
                    ("1895", "el año en que nació la Alianza, en Londres"),
                    ("310", "organizaciones miembro de la Alianza"),
                    ("107", "países de los que proceden"),
                    ("Cerca de mil millones", "de personas representadas"),
                ],
                heading_text="La Alianza en cifras",
            ),
            document_links(
                [docs["annual_report_2024"], docs["alliance_at_a_glance"]], heading_text="Publicaciones recientes"
            ),
            call_to_action(
                "¿Está pensando en unirse?",
                text="Descubra lo que ofrece ser miembro de la Alianza y cómo pedir información.",
                page=pages["why_join"],
                link_text="Por qué unirse a la ACI",
            ),
        ],
    }


def about_fields(refs):
    pages, images = refs.pages, refs.images
    return {
        "intro": "Somos una federación de empresas cooperativas. Representamos a nuestros socios, les ayudamos a "
        "aprender unos de otros y los ponemos en contacto con cooperativistas de otros países.",
        "search_description": "Quién es la Federación Nacional de Cooperativas, qué hace por sus socios y cómo "
        "forma parte de la Alianza Cooperativa Internacional.",
        "body": [
            heading("Qué hacemos"),
            rich_text(
                "<p>Nuestros socios son cooperativas de todos los tamaños y sectores: desde tiendas de pueblo y "
                "cooperativas de suministros agrícolas hasta cooperativas de crédito, aseguradoras y cooperativas "
                "de vivienda. Cada una pertenece a las personas a las que sirve, que son quienes la controlan; y "
                "la federación, a su vez, pertenece a sus socios y está bajo su control.</p>"
                "<ul><li>Defendemos a las cooperativas ante el Gobierno y las administraciones públicas.</li>"
                "<li>Recogemos y compartimos información, buenas prácticas y contactos útiles.</li>"
                "<li>Organizamos encuentros en los que los socios comparan experiencias y abordan juntos los "
                "problemas comunes.</li></ul>"
            ),
            image(
                images["about"],
                caption="Muchas empresas, una sola federación.",
                alt_text="Obra abstracta: tres anillos entrelazados en blanco, coral y dorado sobre fondo verde "
                "azulado.",
            ),
            heading("Parte de un movimiento mundial"),
            rich_text(
                "<p>La federación es miembro de la "
                f"{page_link(pages['alliance'], 'Alianza Cooperativa Internacional')}, el organismo mundial de "
                "las cooperativas. Gracias a ella, las inquietudes de nuestros socios llegan a las organizaciones "
                "cooperativas regionales y a las Naciones Unidas.</p>"
                "<p>Si su organización se plantea hacerse miembro, "
                f"{page_link(pages['why_join'], 'descubra por qué las cooperativas se unen a la Alianza')}.</p>"
            ),
        ],
    }


def alliance_fields(refs):
    pages, docs = refs.pages, refs.documents
    return {
        # The key facts in Spanish; the numbers, the years and the website are the English page's.
        "organisation_name": "Alianza Cooperativa Internacional",
        "founded_city": "Londres",
        "people_represented_qualifier": "cerca de",
        "headquarters_city": "Bruselas",
        "headquarters_country": "Bélgica",
        "ecosoc_status": "carácter consultivo general (antes categoría I)",
        "intro": "Fundada en 1895, la Alianza es la casa común del movimiento cooperativo mundial: una organización "
        "no gubernamental independiente cuyos miembros son organizaciones cooperativas de todos los continentes.",
        "search_description": "Datos clave de la Alianza Cooperativa Internacional: fundada en Londres en 1895, "
        "310 organizaciones miembro en 107 países, sede en Bruselas y cuatro oficinas regionales.",
        "regional_offices": [
            {"region": "Américas", "name": "Cooperatives of the Americas"},
            {"region": "Europa", "name": "Cooperatives Europe"},
            {"region": "África", "name": "Cooperatives Africa"},
            {"region": "Asia-Pacífico", "name": "ICA Asia and Pacific"},
        ],
        "body": [
            heading("Qué es la Alianza"),
            rich_text(
                "<p>La Alianza responde ante sus miembros, no ante ningún gobierno. Su tarea es unir a las "
                "cooperativas por encima de las fronteras, representarlas y prestarles servicio.</p>"
                "<p>Nació en Londres en 1895, lo que la convierte en una de las organizaciones internacionales más "
                "antiguas que siguen en activo. Hoy la integran 310 organizaciones miembro de 107 países, que en "
                "conjunto hablan en nombre de cerca de mil millones de personas.</p>"
            ),
            heading("Dónde trabajan sus miembros", level="h3"),
            rich_text(
                "<p>Sus miembros son organizaciones cooperativas, nacionales e internacionales, presentes en casi "
                "todos los ámbitos de la economía, entre ellos:</p>"
                "<ul><li>la agricultura y la pesca</li><li>la banca, el crédito y el ahorro</li><li>los seguros</li>"
                "<li>la industria</li><li>la vivienda social</li><li>la salud</li>"
                "<li>los servicios públicos y los servicios al consumidor</li><li>el turismo</li></ul>"
            ),
            heading("Una voz en las Naciones Unidas"),
            rich_text(
                "<p>En 1946 la Alianza fue la primera organización no gubernamental a la que se reconoció carácter "
                "consultivo ante las Naciones Unidas. Hoy goza de carácter consultivo general (antes categoría I) "
                "ante el Consejo Económico y Social de las Naciones Unidas (ECOSOC), un lugar que solo comparten "
                "41 organizaciones.</p>"
            ),
            key_figures(
                [
                    ("1946", "primera ONG con carácter consultivo ante la ONU"),
                    ("41", "organizaciones en la categoría general del ECOSOC"),
                    ("4", "oficinas regionales"),
                    ("107", "países con organizaciones miembro"),
                ],
                heading_text="Reconocimiento y alcance",
            ),
            heading("Objetivos"),
            rich_text(
                "<p>Su objetivo principal es fortalecer en todas partes a cooperativas independientes, con un "
                "trabajo a escala internacional, regional y nacional. Además, la Alianza se propone:</p>"
            ),
            item_list(
                [
                    "construir un movimiento cooperativo mundial basado en la ayuda mutua y el control democrático;",
                    "defender y proteger los valores y principios cooperativos que definen a una cooperativa;",
                    "fomentar el comercio y otros vínculos que beneficien a sus organizaciones miembro;",
                    "apoyar un desarrollo humano sostenible y ayudar a cada persona a progresar en lo económico y "
                    "en lo social;",
                    "impulsar el progreso económico y social y contribuir así a la paz y la seguridad en el mundo;",
                    "hacer de la igualdad entre mujeres y hombres la norma en todo el trabajo y todas las "
                    "decisiones cooperativas.",
                ]
            ),
            heading("Qué hace la Alianza"),
            rich_text(
                "<h3>Dar a conocer las cooperativas y hablar en su nombre</h3>"
                "<p>La Alianza explica el modelo cooperativo de empresa a la ciudadanía, a los gobiernos y a las "
                "instituciones regionales e internacionales. Cuando el movimiento necesita hacerse oír, la Alianza "
                "habla por él.</p>"
                "<h3>Abrir espacio a las cooperativas en las leyes y las políticas públicas</h3>"
                "<p>Las cooperativas crecen mejor allí donde las leyes y las normas administrativas reconocen su "
                "forma de funcionar. La Alianza respalda a sus miembros cuando reclaman esas normas, con apoyo "
                "político y asesoramiento experto, para que las cooperativas compitan en igualdad de condiciones "
                "con las demás empresas.</p>"
                "<h3>Compartir información y crear redes</h3>"
                "<p>Los miembros reciben información, ejemplos de buenas prácticas y contactos. La Alianza publica "
                "informes, organiza reuniones y talleres sobre los retos de las cooperativas y las pone en contacto "
                "entre sí para comerciar y compartir conocimientos.</p>"
                "<h3>Asistencia técnica y desarrollo</h3>"
                "<p>A través de su programa de desarrollo, la Alianza ofrece ayuda técnica, forma capacidades y "
                "ayuda a las cooperativas a conseguir financiación. Apoya la creación de empleo, las "
                "microfinanzas y la lucha contra la pobreza en todo el mundo.</p>"
            ),
            heading("Sede y oficinas regionales"),
            rich_text(
                "<p>La sede de la Alianza está en Bruselas (Bélgica). Cuatro oficinas regionales, para las "
                "Américas, Europa, África y Asia-Pacífico, trabajan con los miembros más de cerca; el "
                f"{document_link(docs['regional_offices_directory'], 'directorio de oficinas regionales')} (en "
                "inglés) describe cada una de ellas.</p>"
            ),
            quote(
                "Las cooperativas son un solo movimiento en muchos países. La Alianza es su punto de encuentro.",
                attribution="El consejo rector de la Federación Nacional de Cooperativas",
            ),
            rich_text(
                '<p>Encontrará más información en el sitio web de la Alianza, <a href="https://ica.coop">ica.coop</a>, '
                f"o puede {page_link(pages['why_join'], 'ver por qué las cooperativas se unen a ella')}.</p>"
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
        "intro": "Ser miembro de la Alianza Cooperativa Internacional conecta a una organización cooperativa con una "
        "red mundial, una voz común y ayuda práctica. Aquí se explica lo que ofrece y cómo pedir información.",
        "search_description": "Por qué las organizaciones cooperativas se unen a la Alianza Cooperativa "
        "Internacional: representación, una red mundial, información, apoyo legal y contactos comerciales.",
        "body": [
            benefits(
                [
                    (
                        "voice",
                        "Una voz donde se toman las decisiones",
                        "La Alianza habla en nombre de las cooperativas ante los gobiernos, los organismos "
                        "regionales y las Naciones Unidas, donde goza de carácter consultivo general.",
                    ),
                    (
                        "network",
                        "Una red mundial",
                        "Conozca a cooperativistas de 107 países y de todos los sectores, desde la agricultura y la "
                        "pesca hasta la banca, los seguros y la vivienda.",
                    ),
                    (
                        "knowledge",
                        "Información y buenas prácticas",
                        "Publicaciones, reuniones y talleres mantienen al día a los miembros y les permiten "
                        "aprender de lo que ha funcionado en otros lugares.",
                    ),
                    (
                        "support",
                        "Apoyo en leyes y políticas",
                        "Asesoramiento experto y respaldo político cuando los miembros defienden leyes y "
                        "procedimientos adecuados para las cooperativas.",
                    ),
                    (
                        "trade",
                        "Contactos comerciales",
                        "Presentaciones a cooperativas de otros países, para comerciar y compartir conocimiento de "
                        "los mercados.",
                    ),
                    (
                        "values",
                        "Valores compartidos",
                        "Un compromiso común con la ayuda mutua, la democracia y la igualdad, también entre "
                        "mujeres y hombres.",
                    ),
                ],
                heading_text="Lo que ganan los miembros",
            ),
            heading("Quién puede unirse"),
            rich_text(
                "<p>Los miembros de la Alianza son organizaciones, no personas físicas: federaciones cooperativas "
                "nacionales e internacionales y empresas cooperativas. Si su cooperativa pertenece a nuestra "
                "federación, ya participa en la Alianza a través de nosotros.</p>"
                f"<p>Nuestra {document_link(docs['membership_guide'], 'guía para socios')} (en inglés) explica "
                "cómo una cooperativa se incorpora a la federación.</p>"
            ),
            call_to_action(
                "¿Le interesa unirse a la Alianza?",
                text="Cuéntenos cómo es su organización y le explicaremos cómo puede participar en la Alianza, a "
                "través de la federación o como miembro de pleno derecho.",
                page=pages["membership_enquiry"],
                link_text="Solicitar información",
            ),
            faq(
                [
                    (
                        "¿Puede una persona unirse a la Alianza a título individual?",
                        "<p>No. Sus miembros son organizaciones: federaciones y empresas cooperativas. Las personas "
                        "participan a través de las cooperativas de las que son socias.</p>",
                    ),
                    (
                        "¿Cuántas organizaciones son ya miembros?",
                        "<p>310 organizaciones de 107 países, que juntas representan a cerca de mil millones de "
                        "personas.</p>",
                    ),
                    (
                        "¿Dónde tiene su sede la Alianza?",
                        "<p>Su sede está en Bruselas (Bélgica), y sus oficinas regionales atienden a las Américas, "
                        "Europa, África y Asia-Pacífico. La "
                        f"{page_link(pages['alliance'], 'página de la Alianza')} las enumera.</p>",
                    ),
                    (
                        "¿De qué sectores proceden los miembros?",
                        "<p>De casi todos: agricultura, pesca, banca y ahorro, seguros, industria, vivienda social, "
                        "salud, servicios públicos y al consumidor, turismo y muchos más.</p>",
                    ),
                ],
                heading_text="Preguntas frecuentes",
            ),
        ],
        "related_documents": [document(docs["membership_guide"]), document(docs["cooperative_identity"])],
    }


def membership_enquiry_fields(refs):
    return {
        "intro": "Háblenos de su organización y de lo que le gustaría saber. Una persona del equipo de la "
        "federación le responderá en un plazo de cinco días hábiles.",
        "search_description": "Pida información a la Federación Nacional de Cooperativas sobre cómo ser miembro de "
        "la Alianza Cooperativa Internacional.",
        "subject": "Consulta sobre la afiliación desde el sitio web (en español)",
        "thank_you_text": "<p>Gracias: su consulta ha llegado a la federación. Le responderemos en un plazo de cinco "
        "días hábiles, normalmente antes.</p><p>Mientras tanto, el sitio web de la Alianza explica "
        f'<a href="{ALLIANCE_MEMBERSHIP_URL}">quién puede ser miembro y cómo solicitarlo</a> (en inglés).</p>',
        "form_fields": [
            {"label": "Su nombre", "field_type": "singleline", "required": True},
            {"label": "Su correo electrónico", "field_type": "email", "required": True},
            {"label": "Su organización", "field_type": "singleline", "required": True},
            {
                "label": "Tipo de organización",
                "field_type": "dropdown",
                "required": True,
                "choices": "Empresa cooperativa\nFederación nacional\nFederación internacional\nOtra",
            },
            {"label": "País", "field_type": "singleline", "required": True},
            {
                "label": "Su pregunta",
                "field_type": "multiline",
                "required": True,
                "help_text": "Lo que le gustaría saber sobre la afiliación.",
            },
        ],
    }


def documents_fields(refs):
    return {
        "intro": "Informes, guías y fichas informativas de la federación y sobre la Alianza, de lectura y descarga "
        "libres.",
        "search_description": "La biblioteca de documentos de la federación: informes anuales, guías para socios y "
        "fichas informativas sobre la Alianza Cooperativa Internacional.",
    }


def private_areas_fields(refs):
    return {
        "intro": "Informes y documentos de trabajo para las organizaciones miembro.",
        "search_description": "Las áreas privadas para socios de la Federación Nacional de Cooperativas.",
        "body": [
            heading("Solo para socios"),
            rich_text(
                "<p>Esta sección está abierta al personal y a los representantes de las organizaciones miembro. Si "
                "un compañero necesita su propia cuenta, puede pedírsela a la oficina de la federación.</p>"
            ),
        ],
    }


def members_briefing_fields(refs):
    images, docs = refs.images, refs.documents
    return {
        "intro": "Lo que acordó el consejo rector en su reunión de primavera y lo que pide a las organizaciones "
        "miembro antes de la asamblea general.",
        "search_description": "El informe del consejo rector a las organizaciones miembro: las prioridades de este "
        "año y lo que se pide a los socios.",
        "body": [
            rich_text(
                "<p>Este informe resume los acuerdos de la reunión de primavera del consejo rector. Es solo para "
                "las organizaciones miembro: le rogamos que no lo difunda fuera de su cooperativa.</p>"
            ),
            item_list(
                [
                    "Conseguir un capítulo dedicado a las cooperativas en la nueva ley de pequeñas empresas.",
                    "Poner en marcha un programa de formación común para los miembros de consejos recién elegidos.",
                    "Poner en contacto a los socios con cooperativas de otros países a través de las redes de la "
                    "Alianza.",
                    "Publicar cada año una encuesta sobre el empleo, la facturación y el número de socios de los "
                    "miembros.",
                ],
                heading_text="Las prioridades del consejo",
                style="numbered",
            ),
            image(
                images["members_briefing"],
                caption="Cada organización miembro tiene un sitio en la mesa.",
                alt_text="Obra abstracta: doce círculos de colores alrededor de un gran disco claro, como personas "
                "sentadas a una mesa redonda.",
            ),
            heading("Lo que le pedimos"),
            rich_text(
                "<p>Envíe a la oficina de la federación, antes de que termine el trimestre, el nombre de la persona "
                "que se ocupa de las cuestiones de política pública en su organización, y haga sus comentarios "
                f"sobre el {document_link(docs['consultation_response_draft'], 'borrador de respuesta a la consulta')}"
                ".</p>"
            ),
        ],
        "related_documents": [document(docs["board_minutes_spring_2025"]), document(docs["members_survey_2024"])],
    }


def assembly_papers_fields(refs):
    docs = refs.documents
    return {
        "intro": "Documentos para la asamblea general de las organizaciones miembro: actas, borradores de posición y "
        "la encuesta a los socios.",
        "search_description": "Documentos para la asamblea general de la federación, para las organizaciones miembro.",
        "body": [
            rich_text(
                "<p>En la asamblea general, las organizaciones miembro piden cuentas al consejo rector y deciden el "
                "rumbo de la federación. Cada organización miembro tiene un voto, sea cual sea su tamaño.</p>"
                "<p>Lea los documentos siguientes antes de la asamblea y envíe sus preguntas a la oficina de la "
                "federación con una semana de antelación, para que el consejo pueda preparar sus respuestas.</p>"
            ),
            document_links(
                [
                    docs["board_minutes_spring_2025"],
                    docs["consultation_response_draft"],
                    docs["members_survey_2024"],
                ],
                heading_text="Documentos de la asamblea",
            ),
            item_list(
                [
                    "Aprobación de las cuentas de 2024.",
                    "Las prioridades del consejo para el año.",
                    "La respuesta de la federación a la consulta sobre la ley de pequeñas empresas.",
                    "Elección de los miembros del consejo rector.",
                ],
                heading_text="Orden del día",
                style="numbered",
            ),
        ],
    }


PAGES = {
    "home": PageTranslation(title="Inicio", slug="inicio", fields=home_fields),
    "about": PageTranslation(title="Quiénes somos", slug="acerca-de", fields=about_fields),
    "alliance": PageTranslation(
        title="Alianza Cooperativa Internacional", slug="alianza-cooperativa-internacional", fields=alliance_fields
    ),
    "why_join": PageTranslation(
        title="Por qué unirse a la ACI", slug="por-que-unirse-a-la-aci", fields=why_join_fields
    ),
    "membership_enquiry": PageTranslation(
        title="Solicitar información sobre la afiliación",
        slug="solicitar-informacion",
        fields=membership_enquiry_fields,
    ),
    "documents": PageTranslation(title="Documentos", slug="documentos", fields=documents_fields),
    "private_areas": PageTranslation(title="Áreas privadas", slug="areas-privadas", fields=private_areas_fields),
    "members_briefing": PageTranslation(
        title="Informe para los socios", slug="informe-para-los-socios", fields=members_briefing_fields
    ),
    "assembly_papers": PageTranslation(
        title="Documentos de la asamblea general",
        slug="documentos-de-la-asamblea-general",
        fields=assembly_papers_fields,
    ),
}
