# ruff: noqa: E501  (whole translated sentences, one per line, as the catalogs hold them)
"""Translations of issue 14's messages (sources, /methods, exports' README); run under the i18n lock
after `scripts/i18n.py update`. Sets msgstr for these msgids only and clears fuzzy."""

from __future__ import annotations

from babel.messages.pofile import read_po, write_po

from dashboard.core.i18n import catalog_path

LANGS = ("es", "fr", "ru", "ar")
T: dict[object, tuple] = {
    "the whole world": ("todo el mundo", "le monde entier", "весь мир", "العالم كله"),
    "the region {region}": ("la región {region}", "la région {region}", "регион {region}", "منطقة {region}"),
    "every indicator": ("todos los indicadores", "tous les indicateurs", "все показатели", "كل المؤشرات"),
    "the indicator {indicator}": (
        "el indicador {indicator}",
        "l’indicateur {indicator}",
        "показатель {indicator}",
        "المؤشر {indicator}",
    ),
    "It holds these editions of Harm Reduction International's Global State of Harm Reduction:": (
        "Contiene estas ediciones del Global State of Harm Reduction de Harm Reduction International:",
        "Il contient ces éditions du Global State of Harm Reduction de Harm Reduction International :",
        "Он содержит эти выпуски Global State of Harm Reduction организации Harm Reduction International:",
        "يتضمن هذه الإصدارات من تقرير Global State of Harm Reduction الصادر عن Harm Reduction International:",
    ),
    "{label}: {title}, {url}": (
        "{label}: {title}, {url}",
        "{label} : {title}, {url}",
        "{label}: {title}, {url}",
        "{label}: {title}، {url}",
    ),
    "no report page in the data": (
        "sin página del informe en los datos",
        "pas de page du rapport dans les données",
        "страницы доклада нет в данных",
        "لا توجد صفحة للتقرير في البيانات",
    ),
    "For each indicator, the column with its id holds the status: yes = on HRI's list for the edition; no = not on it; unknown = not (yet) sourced in this dataset. Unknown is not no.": (
        "Para cada indicador, la columna con su id contiene el estado: yes = en la lista de HRI para la edición; no = fuera de ella; unknown = (aún) sin fuente en este conjunto de datos. Unknown no es no.",
        "Pour chaque indicateur, la colonne portant son identifiant donne le statut : yes = sur la liste de HRI pour l’édition ; no = absent de la liste ; unknown = pas (encore) sourcé dans ce jeu de données. Unknown n’est pas no.",
        "Для каждого показателя столбец с его идентификатором содержит статус: yes — в списке HRI для выпуска; no — не в нём; unknown — (пока) без источника в этом наборе данных. Unknown — это не no.",
        "لكل مؤشر، يحمل العمود الذي يحمل معرّفه الحالة: yes = مدرج في قائمة HRI لهذا الإصدار؛ no = غير مدرج؛ unknown = بلا مصدر (حتى الآن) في هذه البيانات. Unknown لا تعني no.",
    ),
    "The _primary_source column links HRI's report for the edition, the primary source of every fact. The _source column says how the fact was read: for transcription_derived rows, a third-party transcription of the report's Table 1, never the source itself.": (
        "La columna _primary_source enlaza el informe de HRI de la edición, la fuente primaria de cada dato. La columna _source indica cómo se leyó el dato: en las filas transcription_derived, una transcripción de terceros de la Tabla 1 del informe, nunca la fuente en sí.",
        "La colonne _primary_source renvoie au rapport de HRI pour l’édition, la source primaire de chaque fait. La colonne _source dit comment le fait a été lu : pour les lignes transcription_derived, une transcription par un tiers du tableau 1 du rapport, jamais la source elle-même.",
        "Столбец _primary_source ссылается на доклад HRI за выпуск — первичный источник каждого факта. Столбец _source показывает, как факт был прочитан: для строк transcription_derived — сторонняя расшифровка таблицы 1 доклада, но не сам источник.",
        "يربط العمود _primary_source بتقرير HRI للإصدار، وهو المصدر الأساسي لكل معلومة. ويبيّن العمود _source كيف قُرئت المعلومة: في صفوف transcription_derived هو نسخ أعدّه طرف ثالث للجدول 1 من التقرير، وليس المصدر نفسه أبدًا.",
    ),
    "The _evidence column says how the fact is known:": (
        "La columna _evidence indica cómo se conoce el dato:",
        "La colonne _evidence dit comment le fait est connu :",
        "Столбец _evidence показывает, откуда известен факт:",
        "يبيّن العمود _evidence كيف عُرفت المعلومة:",
    ),
    "Each rule a fact rests on is explained in words, with its HRI source, at {methods}.": (
        "Cada regla en la que se basa un dato se explica con palabras, con su fuente de HRI, en {methods}.",
        "Chaque règle sur laquelle repose un fait est expliquée en toutes lettres, avec sa source HRI, sur {methods}.",
        "Каждое правило, на котором основан факт, объяснено словами, с источником HRI, на странице {methods}.",
        "كل قاعدة تستند إليها معلومة مشروحة بالكلمات، مع مصدرها من HRI، في {methods}.",
    ),
    "Every fact's primary source is HRI's report for its edition (primary_source, editions.csv report_url). source_url is how the fact was read: for transcription_derived rows, a third-party transcription of the report's Table 1, never the source itself. Each rule a fact rests on (method) is explained in words, with its HRI source, at {methods}.": (
        "La fuente primaria de cada dato es el informe de HRI de su edición (primary_source, report_url de editions.csv). source_url indica cómo se leyó el dato: en las filas transcription_derived, una transcripción de terceros de la Tabla 1 del informe, nunca la fuente en sí. Cada regla en la que se basa un dato (method) se explica con palabras, con su fuente de HRI, en {methods}.",
        "La source primaire de chaque fait est le rapport de HRI pour son édition (primary_source, report_url d’editions.csv). source_url dit comment le fait a été lu : pour les lignes transcription_derived, une transcription par un tiers du tableau 1 du rapport, jamais la source elle-même. Chaque règle sur laquelle repose un fait (method) est expliquée en toutes lettres, avec sa source HRI, sur {methods}.",
        "Первичный источник каждого факта — доклад HRI за его выпуск (primary_source, report_url в editions.csv). source_url показывает, как факт был прочитан: для строк transcription_derived — сторонняя расшифровка таблицы 1 доклада, но не сам источник. Каждое правило, на котором основан факт (method), объяснено словами, с источником HRI, на странице {methods}.",
        "المصدر الأساسي لكل معلومة هو تقرير HRI لإصدارها (primary_source، وreport_url في editions.csv). ويبيّن source_url كيف قُرئت المعلومة: في صفوف transcription_derived هو نسخ أعدّه طرف ثالث للجدول 1 من التقرير، وليس المصدر نفسه أبدًا. وكل قاعدة تستند إليها معلومة (method) مشروحة بالكلمات، مع مصدرها من HRI، في {methods}.",
    ),
    "The link beside HRI's report goes to HRI's words, where they were found.": (
        "El enlace junto al informe de HRI lleva a las palabras de HRI, donde se encontraron.",
        "Le lien à côté du rapport de HRI mène aux mots de HRI, là où ils ont été trouvés.",
        "Ссылка рядом с докладом HRI ведёт к словам HRI там, где они были найдены.",
        "يؤدي الرابط المجاور لتقرير HRI إلى كلمات HRI حيث وُجدت.",
    ),
    "The rule is named beside the fact and explained below; the link goes to HRI's statement it rests on.": (
        "La regla se nombra junto al dato y se explica más abajo; el enlace lleva a la afirmación de HRI en la que se basa.",
        "La règle est nommée à côté du fait et expliquée ci-dessous ; le lien mène à la déclaration de HRI sur laquelle elle repose.",
        "Правило названо рядом с фактом и объяснено ниже; ссылка ведёт к заявлению HRI, на котором оно основано.",
        "تُذكر القاعدة بجانب المعلومة وتُشرح أدناه؛ ويؤدي الرابط إلى تصريح HRI الذي تستند إليه.",
    ),
    "The fact is HRI's (Table 1 of the edition's report); a third party's transcription of that table is how it was read, and is linked as such, never as the source itself.": (
        "El dato es de HRI (Tabla 1 del informe de la edición); una transcripción de terceros de esa tabla es cómo se leyó, y se enlaza como tal, nunca como la fuente en sí.",
        "Le fait est celui de HRI (tableau 1 du rapport de l’édition) ; la transcription de ce tableau par un tiers est la manière dont il a été lu, et elle est liée comme telle, jamais comme la source elle-même.",
        "Факт принадлежит HRI (таблица 1 доклада за выпуск); сторонняя расшифровка этой таблицы — лишь способ его прочтения, и ссылка на неё дана именно так, а не как на источник.",
        "المعلومة من HRI (الجدول 1 من تقرير الإصدار)؛ ونسخ طرف ثالث لذلك الجدول هو طريقة قراءتها، ويُربط به بهذه الصفة، لا بوصفه المصدر نفسه أبدًا.",
    ),
    "How the Atlas knows each fact": (
        "Cómo conoce el Atlas cada dato",
        "Comment l’Atlas connaît chaque fait",
        "Откуда Атлас знает каждый факт",
        "كيف يعرف الأطلس كل معلومة",
    ),
    "Every fact in the Atlas is Harm Reduction International's, from its Global State of Harm Reduction. This page says how each one was read from HRI's reports, by which rule, and how complete each list is.": (
        "Cada dato del Atlas es de Harm Reduction International, de su Global State of Harm Reduction. Esta página explica cómo se leyó cada uno de los informes de HRI, con qué regla y cuán completa es cada lista.",
        "Chaque fait de l’Atlas est celui de Harm Reduction International, tiré de son Global State of Harm Reduction. Cette page dit comment chacun a été lu dans les rapports de HRI, selon quelle règle, et à quel point chaque liste est complète.",
        "Каждый факт Атласа принадлежит Harm Reduction International и взят из её доклада Global State of Harm Reduction. На этой странице сказано, как каждый из них прочитан в докладах HRI, по какому правилу и насколько полон каждый список.",
        "كل معلومة في الأطلس هي من Harm Reduction International، من تقريرها Global State of Harm Reduction. تشرح هذه الصفحة كيف قُرئت كل معلومة من تقارير HRI، وبأي قاعدة، ومدى اكتمال كل قائمة.",
    ),
    "HRI's reports: the primary source": (
        "Los informes de HRI: la fuente primaria",
        "Les rapports de HRI : la source primaire",
        "Доклады HRI: первичный источник",
        "تقارير HRI: المصدر الأساسي",
    ),
    "Every fact of an edition is cited to HRI's report for that edition first:": (
        "Cada dato de una edición se atribuye primero al informe de HRI de esa edición:",
        "Chaque fait d’une édition est d’abord cité au rapport de HRI pour cette édition :",
        "Каждый факт выпуска прежде всего ссылается на доклад HRI за этот выпуск:",
        "تُنسب كل معلومة في إصدار أولًا إلى تقرير HRI لذلك الإصدار:",
    ),
    "How a fact is known": (
        "Cómo se conoce un dato",
        "Comment un fait est connu",
        "Откуда известен факт",
        "كيف تُعرف المعلومة",
    ),
    "Rules used to read HRI's statements": (
        "Reglas para leer las afirmaciones de HRI",
        "Règles utilisées pour lire les déclarations de HRI",
        "Правила прочтения заявлений HRI",
        "القواعد المستخدمة لقراءة تصريحات HRI",
    ),
    "Where HRI states a total or names the changes between editions, a country's status follows by arithmetic. Each rule is quoted from the Atlas's research notes (in English), with the HRI statement it rests on.": (
        "Cuando HRI da un total o nombra los cambios entre ediciones, el estado de un país se deduce por aritmética. Cada regla se cita de las notas de investigación del Atlas (en inglés), con la afirmación de HRI en la que se basa.",
        "Quand HRI donne un total ou nomme les changements entre éditions, le statut d’un pays s’en déduit par arithmétique. Chaque règle est citée des notes de recherche de l’Atlas (en anglais), avec la déclaration de HRI sur laquelle elle repose.",
        "Когда HRI приводит итог или называет изменения между выпусками, статус страны следует из арифметики. Каждое правило процитировано из исследовательских заметок Атласа (на английском) вместе с заявлением HRI, на котором оно основано.",
        "حين تذكر HRI مجموعًا أو تسمّي التغييرات بين الإصدارات، تُستنتج حالة البلد حسابيًا. كل قاعدة مقتبسة من ملاحظات بحث الأطلس (بالإنجليزية)، مع تصريح HRI الذي تستند إليه.",
    ),
    "In the data: method = {code}": (
        "En los datos: method = {code}",
        "Dans les données : method = {code}",
        "В данных: method = {code}",
        "في البيانات: method = {code}",
    ),
    "Applies to": ("Se aplica a", "S’applique à", "Относится к", "ينطبق على"),
    "How complete each list is": (
        "Cuán completa es cada lista",
        "À quel point chaque liste est complète",
        "Насколько полон каждый список",
        "مدى اكتمال كل قائمة",
    ),
    "For each edition and indicator: how many countries the data names with the service, against HRI's published count. Where HRI's count is not in the data, the list is partial.": (
        "Para cada edición e indicador: cuántos países con el servicio nombran los datos, frente al recuento publicado por HRI. Donde el recuento de HRI no está en los datos, la lista es parcial.",
        "Pour chaque édition et indicateur : combien de pays les données nomment avec le service, face au décompte publié par HRI. Là où le décompte de HRI n’est pas dans les données, la liste est partielle.",
        "Для каждого выпуска и показателя: сколько стран с услугой названо в данных по сравнению с опубликованным числом HRI. Где числа HRI нет в данных, список неполный.",
        "لكل إصدار ومؤشر: كم بلدًا تسمّيه البيانات مع الخدمة، مقارنة بالعدد الذي نشرته HRI. وحيث لا يوجد عدد HRI في البيانات، تكون القائمة جزئية.",
    ),
    "What “not known” means": (
        "Qué significa «desconocido»",
        "Ce que signifie « inconnu »",
        "Что значит «неизвестно»",
        "ماذا تعني «غير معروف»",
    ),
    "Not known means that HRI reports the status as not known, or that this dataset has no source for it yet. It is never a “no”, and it is never guessed: it is shown in grey, with its own legend entry, until a source is found.": (
        "Desconocido significa que HRI informa el estado como desconocido, o que este conjunto de datos aún no tiene fuente. Nunca es un «no» y nunca se adivina: se muestra en gris, con su propia entrada en la leyenda, hasta que se encuentre una fuente.",
        "Inconnu signifie que HRI indique le statut comme inconnu, ou que ce jeu de données n’a pas encore de source. Ce n’est jamais un « non », et ce n’est jamais deviné : il est affiché en gris, avec sa propre entrée de légende, jusqu’à ce qu’une source soit trouvée.",
        "«Неизвестно» значит, что HRI указывает статус как неизвестный или что в этом наборе данных пока нет источника. Это никогда не «нет» и никогда не догадка: такой статус показан серым, с отдельной строкой легенды, пока не найден источник.",
        "«غير معروف» تعني أن HRI تذكر الحالة على أنها غير معروفة، أو أن هذه البيانات لا تملك مصدرًا لها بعد. ليست «لا» أبدًا، ولا تُخمَّن أبدًا: تظهر بالرمادي، ولها بند خاص في مفتاح الخريطة، إلى أن يوجد مصدر.",
    ),
    "No means that the country is not on HRI's list for that edition.": (
        "No significa que el país no está en la lista de HRI para esa edición.",
        "Non signifie que le pays n’est pas sur la liste de HRI pour cette édition.",
        "«Нет» значит, что страны нет в списке HRI за этот выпуск.",
        "«لا» تعني أن البلد غير مدرج في قائمة HRI لذلك الإصدار.",
    ),
    "Known doubts": ("Dudas conocidas", "Doutes connus", "Известные сомнения", "شكوك معروفة"),
    "If you know a source that changes a fact, open the country's profile (from the dashboard's country panel) and use its correction link: the report names the country, edition and indicator. Please include the source, ideally HRI's own.": (
        "Si conoce una fuente que cambia un dato, abra el perfil del país (desde el panel del país en el tablero) y use su enlace de corrección: el informe nombra el país, la edición y el indicador. Incluya la fuente, idealmente la de HRI.",
        "Si vous connaissez une source qui change un fait, ouvrez le profil du pays (depuis le panneau du pays du tableau de bord) et utilisez son lien de correction : le signalement nomme le pays, l’édition et l’indicateur. Merci d’indiquer la source, idéalement celle de HRI.",
        "Если вы знаете источник, который меняет факт, откройте профиль страны (из панели страны на дашборде) и воспользуйтесь ссылкой для исправления: в сообщении указаны страна, выпуск и показатель. Пожалуйста, приложите источник, лучше всего — самой HRI.",
        "إذا كنت تعرف مصدرًا يغيّر معلومة، افتح ملف البلد (من لوحة البلد في لوحة المعلومات) واستخدم رابط التصحيح فيه: يذكر البلاغ البلد والإصدار والمؤشر. يُرجى إرفاق المصدر، ويُفضَّل أن يكون من HRI نفسها.",
    ),
    "The rules as data: methods.csv in the data package": (
        "Las reglas como datos: methods.csv en el paquete de datos",
        "Les règles en données : methods.csv dans le paquet de données",
        "Правила в виде данных: methods.csv в пакете данных",
        "القواعد كبيانات: methods.csv في حزمة البيانات",
    ),
    "{listed} named (partial list)": (
        "{listed} nombrados (lista parcial)",
        "{listed} nommés (liste partielle)",
        "названо: {listed} (неполный список)",
        "{listed} مسمّاة (قائمة جزئية)",
    ),
    "{listed} of {published}": (
        "{listed} de {published}",
        "{listed} sur {published}",
        "{listed} из {published}",
        "{listed} من {published}",
    ),
    "HRI's statement": ("Afirmación de HRI", "Déclaration de HRI", "Заявление HRI", "تصريح HRI"),
    "HRI's Table 1 of each report": (
        "La Tabla 1 de HRI de cada informe",
        "Le tableau 1 de HRI de chaque rapport",
        "Таблица 1 HRI в каждом докладе",
        "الجدول 1 من HRI في كل تقرير",
    ),
    "The rule “{name}” is an assumption, stated as such below.": (
        "La regla «{name}» es una suposición, y así se indica más abajo.",
        "La règle « {name} » est une hypothèse, présentée comme telle ci-dessous.",
        "Правило «{name}» — допущение, и ниже оно так и названо.",
        "القاعدة «{name}» افتراض، ومذكورة بهذه الصفة أدناه.",
    ),
    "read via": ("leído en", "lu via", "прочитано в", "قُرئ عبر"),
    "Read via": ("Leído en", "Lu via", "Прочитано в", "قُرئ عبر"),
    "HRI counts {published}; the data names {listed}; {unknown} not known.": (
        "HRI cuenta {published}; los datos nombran {listed}; {unknown} desconocidos.",
        "HRI en compte {published} ; les données en nomment {listed} ; {unknown} inconnus.",
        "HRI насчитывает {published}; в данных названо {listed}; неизвестно: {unknown}.",
        "تحصي HRI {published}؛ وتسمّي البيانات {listed}؛ و{unknown} غير معروفة.",
    ),
    "Every fact is Harm Reduction International's, from its report for the edition:": (
        "Cada dato es de Harm Reduction International, de su informe de la edición:",
        "Chaque fait est celui de Harm Reduction International, tiré de son rapport pour l’édition :",
        "Каждый факт принадлежит Harm Reduction International и взят из её доклада за выпуск:",
        "كل معلومة من Harm Reduction International، من تقريرها للإصدار:",
    ),
    "Facts that follow from HRI's statements rest on these rules (see the methods page):": (
        "Los datos que se deducen de las afirmaciones de HRI se basan en estas reglas (vea la página de métodos):",
        "Les faits qui découlent des déclarations de HRI reposent sur ces règles (voir la page des méthodes) :",
        "Факты, следующие из заявлений HRI, основаны на этих правилах (см. страницу методов):",
        "المعلومات المستنتجة من تصريحات HRI تستند إلى هذه القواعد (انظر صفحة المنهجية):",
    ),
    "How the Atlas knows each fact (methods)": (
        "Cómo conoce el Atlas cada dato (métodos)",
        "Comment l’Atlas connaît chaque fait (méthodes)",
        "Откуда Атлас знает каждый факт (методы)",
        "كيف يعرف الأطلس كل معلومة (المنهجية)",
    ),
    "No country stopped a service from 2020 to 2022": (
        "Ningún país suspendió un servicio de 2020 a 2022",
        "Aucun pays n’a arrêté un service de 2020 à 2022",
        "Ни одна страна не прекратила услугу с 2020 по 2022 год",
        "لم يوقف أي بلد خدمة من 2020 إلى 2022",
    ),
    "NSP growth from 2020 to 2022 was only in Africa": (
        "El aumento de PIJ de 2020 a 2022 fue solo en África",
        "La hausse des PES de 2020 à 2022 n’a eu lieu qu’en Afrique",
        "Рост числа ПОШ с 2020 по 2022 год был только в Африке",
        "كانت زيادة برامج الإبر والمحاقن من 2020 إلى 2022 في أفريقيا وحدها",
    ),
    "The 2023 update carries NSP and OAT from 2022": (
        "La actualización de 2023 mantiene PIJ y TAO de 2022",
        "La mise à jour 2023 reprend les PES et le TAO de 2022",
        "Обновление 2023 года сохраняет ПОШ и ОЗТ 2022 года",
        "تحديث 2023 يُبقي برامج الإبر والمحاقن والعلاج بناهضات الأفيون كما في 2022",
    ),
    "HRI names every NSP change from 2022 to 2024": (
        "HRI nombra cada cambio de PIJ de 2022 a 2024",
        "HRI nomme chaque changement des PES de 2022 à 2024",
        "HRI называет каждое изменение ПОШ с 2022 по 2024 год",
        "تسمّي HRI كل تغيير في برامج الإبر والمحاقن من 2022 إلى 2024",
    ),
    "OAT carried from 2023 into 2024 (an assumption)": (
        "TAO mantenido de 2023 a 2024 (una suposición)",
        "TAO repris de 2023 en 2024 (une hypothèse)",
        "ОЗТ перенесена из 2023 в 2024 год (допущение)",
        "العلاج بناهضات الأفيون منقول من 2023 إلى 2024 (افتراض)",
    ),
    "HRI names every national policy change from 2022 to 2024": (
        "HRI nombra cada cambio de política nacional de 2022 a 2024",
        "HRI nomme chaque changement de politique nationale de 2022 à 2024",
        "HRI называет каждое изменение национальной политики с 2022 по 2024 год",
        "تسمّي HRI كل تغيير في السياسة الوطنية من 2022 إلى 2024",
    ),
    "The 2023 update names its four national policy additions": (
        "La actualización de 2023 nombra sus cuatro incorporaciones de política nacional",
        "La mise à jour 2023 nomme ses quatre ajouts de politique nationale",
        "Обновление 2023 года называет четыре добавления в национальной политике",
        "تحديث 2023 يسمّي الإضافات الأربع في السياسة الوطنية",
    ),
    "HRI names every country with drug consumption rooms": (
        "HRI nombra cada país con salas de consumo de drogas",
        "HRI nomme chaque pays doté de salles de consommation de drogues",
        "HRI называет каждую страну с комнатами употребления наркотиков",
        "تسمّي HRI كل بلد فيه غرف لاستهلاك المخدرات",
    ),
    "HRI's 2020 Middle East and North Africa chapter names its countries": (
        "El capítulo de 2020 de HRI sobre Oriente Medio y Norte de África nombra sus países",
        "Le chapitre 2020 de HRI sur le Moyen-Orient et l’Afrique du Nord nomme ses pays",
        "Глава HRI 2020 года о Ближнем Востоке и Северной Африке называет свои страны",
        "فصل HRI لعام 2020 عن الشرق الأوسط وشمال أفريقيا يسمّي بلدانه",
    ),
    "HRI's alphabetical list of countries with NSP in prisons": (
        "La lista alfabética de HRI de países con PIJ en prisiones",
        "La liste alphabétique de HRI des pays avec PES en prison",
        "Алфавитный список HRI стран с ПОШ в тюрьмах",
        "قائمة HRI الأبجدية للبلدان التي فيها برامج الإبر والمحاقن في السجون",
    ),
    "Read from a transcription of HRI's Table 1 scores": (
        "Leído de una transcripción de las puntuaciones de la Tabla 1 de HRI",
        "Lu dans une transcription des scores du tableau 1 de HRI",
        "Прочитано из расшифровки баллов таблицы 1 HRI",
        "مقروء من نسخ لدرجات الجدول 1 من HRI",
    ),
    "HRI, {title}": ("HRI, {title}", "HRI, {title}", "HRI, {title}", "HRI، {title}"),
    "HRI, {title}, Table 1 (pp. {pages})": (
        "HRI, {title}, Tabla 1 (pp. {pages})",
        "HRI, {title}, tableau 1 (p. {pages})",
        "HRI, {title}, таблица 1 (с. {pages})",
        "HRI، {title}، الجدول 1 (ص. {pages})",
    ),
    "read from a third-party transcription": (
        "leído de una transcripción de terceros",
        "lu dans une transcription par un tiers",
        "прочитано из сторонней расшифровки",
        "مقروء من نسخ أعدّه طرف ثالث",
    ),
    "HRI's words as published at {publisher}": (
        "las palabras de HRI tal como se publicaron en {publisher}",
        "les mots de HRI tels que publiés sur {publisher}",
        "слова HRI в публикации на {publisher}",
        "كلمات HRI كما نُشرت على {publisher}",
    ),
    "the statement it rests on, at {publisher}": (
        "la afirmación en la que se basa, en {publisher}",
        "la déclaration sur laquelle il repose, sur {publisher}",
        "заявление, на котором он основан, на {publisher}",
        "التصريح الذي تستند إليه، على {publisher}",
    ),
    # plurals: es/fr 2 forms, ru 3, ar 6
    (
        "This workbook holds one row per country and edition for {where} and {what}: {rows} row on the sheet “coverage”, with a filter on every column.",
        "This workbook holds one row per country and edition for {where} and {what}: {rows} rows on the sheet “coverage”, with a filter on every column.",
    ): (
        (
            "Este libro tiene una fila por país y edición para {where} y {what}: {rows} fila en la hoja «coverage», con un filtro en cada columna.",
            "Este libro tiene una fila por país y edición para {where} y {what}: {rows} filas en la hoja «coverage», con un filtro en cada columna.",
        ),
        (
            "Ce classeur contient une ligne par pays et par édition pour {where} et {what} : {rows} ligne sur la feuille « coverage », avec un filtre sur chaque colonne.",
            "Ce classeur contient une ligne par pays et par édition pour {where} et {what} : {rows} lignes sur la feuille « coverage », avec un filtre sur chaque colonne.",
        ),
        (
            "В этой книге по одной строке на страну и выпуск для: {where}, {what}; {rows} строка на листе «coverage», с фильтром на каждом столбце.",
            "В этой книге по одной строке на страну и выпуск для: {where}, {what}; {rows} строки на листе «coverage», с фильтром на каждом столбце.",
            "В этой книге по одной строке на страну и выпуск для: {where}, {what}; {rows} строк на листе «coverage», с фильтром на каждом столбце.",
        ),
        tuple(
            "يحتوي هذا المصنف على صف لكل بلد وإصدار لـ{where} و{what}: "
            + w
            + " في الورقة «coverage»، مع مرشح على كل عمود."
            for w in (
                "{rows} صفوف",
                "صف واحد ({rows})",
                "صفّان ({rows})",
                "{rows} صفوف",
                "{rows} صفًا",
                "{rows} صف",
            )
        ),
    ),
    ("Used for {count} fact.", "Used for {count} facts."): (
        ("Usada para {count} dato.", "Usada para {count} datos."),
        ("Utilisée pour {count} fait.", "Utilisée pour {count} faits."),
        ("Применено к {count} факту.", "Применено к {count} фактам.", "Применено к {count} фактам."),
        (
            "لم تُستخدم لأي معلومة ({count}).",
            "استُخدمت لمعلومة واحدة ({count}).",
            "استُخدمت لمعلومتين ({count}).",
            "استُخدمت لـ{count} معلومات.",
            "استُخدمت لـ{count} معلومة.",
            "استُخدمت لـ{count} معلومة.",
        ),
    ),
    (
        "{count} fact rests on a third party's transcription of HRI's Table 1: good, not authoritative; each agrees with HRI's totals.",
        "{count} facts rest on a third party's transcription of HRI's Table 1: good, not authoritative; each agrees with HRI's totals.",
    ): (
        (
            "{count} dato se basa en una transcripción de terceros de la Tabla 1 de HRI: buena, no autorizada; cada uno concuerda con los totales de HRI.",
            "{count} datos se basan en una transcripción de terceros de la Tabla 1 de HRI: buena, no autorizada; cada uno concuerda con los totales de HRI.",
        ),
        (
            "{count} fait repose sur une transcription par un tiers du tableau 1 de HRI : bonne, mais pas officielle ; chacun concorde avec les totaux de HRI.",
            "{count} faits reposent sur une transcription par un tiers du tableau 1 de HRI : bonne, mais pas officielle ; chacun concorde avec les totaux de HRI.",
        ),
        (
            "{count} факт основан на сторонней расшифровке таблицы 1 HRI: хорошей, но не официальной; каждый согласуется с итогами HRI.",
            "{count} факта основаны на сторонней расшифровке таблицы 1 HRI: хорошей, но не официальной; каждый согласуется с итогами HRI.",
            "{count} фактов основаны на сторонней расшифровке таблицы 1 HRI: хорошей, но не официальной; каждый согласуется с итогами HRI.",
        ),
        tuple(
            f"{w} على نسخ أعدّه طرف ثالث للجدول 1 من HRI: جيد لكنه غير رسمي؛ وكلها تتفق مع مجاميع HRI."
            for w in (
                "لا تستند أي معلومة ({count})",
                "تستند معلومة واحدة ({count})",
                "تستند معلومتان ({count})",
                "تستند {count} معلومات",
                "تستند {count} معلومة",
                "تستند {count} معلومة",
            )
        ),
    ),
    (
        "HRI's published counts name {count} more country-list entry than the data does: those countries are not known here until a source names them.",
        "HRI's published counts name {count} more country-list entries than the data does: those countries are not known here until a source names them.",
    ): (
        (
            "Los recuentos publicados por HRI incluyen {count} entrada más en las listas de países que los datos: esos países son desconocidos aquí hasta que una fuente los nombre.",
            "Los recuentos publicados por HRI incluyen {count} entradas más en las listas de países que los datos: esos países son desconocidos aquí hasta que una fuente los nombre.",
        ),
        (
            "Les décomptes publiés par HRI comptent {count} entrée de liste de pays de plus que les données : ces pays restent inconnus ici jusqu’à ce qu’une source les nomme.",
            "Les décomptes publiés par HRI comptent {count} entrées de liste de pays de plus que les données : ces pays restent inconnus ici jusqu’à ce qu’une source les nomme.",
        ),
        (
            "В опубликованных числах HRI на {count} запись в списках стран больше, чем в данных: эти страны здесь неизвестны, пока их не назовёт источник.",
            "В опубликованных числах HRI на {count} записи в списках стран больше, чем в данных: эти страны здесь неизвестны, пока их не назовёт источник.",
            "В опубликованных числах HRI на {count} записей в списках стран больше, чем в данных: эти страны здесь неизвестны, пока их не назовёт источник.",
        ),
        tuple(
            f"تذكر أعداد HRI المنشورة {w} في قوائم البلدان أكثر مما في البيانات: هذه البلدان غير معروفة هنا إلى أن يسمّيها مصدر."
            for w in (
                "{count} إدخالات",
                "إدخالًا واحدًا ({count})",
                "إدخالين ({count})",
                "{count} إدخالات",
                "{count} إدخالًا",
                "{count} إدخال",
            )
        ),
    ),
    (
        "{count} list has no HRI count in the data, so it is partial.",
        "{count} lists have no HRI count in the data, so they are partial.",
    ): (
        (
            "{count} lista no tiene recuento de HRI en los datos, así que es parcial.",
            "{count} listas no tienen recuento de HRI en los datos, así que son parciales.",
        ),
        (
            "{count} liste n’a pas de décompte HRI dans les données : elle est donc partielle.",
            "{count} listes n’ont pas de décompte HRI dans les données : elles sont donc partielles.",
        ),
        (
            "{count} список не имеет числа HRI в данных, поэтому он неполный.",
            "{count} списка не имеют числа HRI в данных, поэтому они неполные.",
            "{count} списков не имеют числа HRI в данных, поэтому они неполные.",
        ),
        tuple(
            f"{w} بلا عدد من HRI في البيانات، لذا فهي جزئية."
            for w in (
                "لا توجد قائمة ({count})",
                "قائمة واحدة ({count})",
                "قائمتان ({count})",
                "{count} قوائم",
                "{count} قائمة",
                "{count} قائمة",
            )
        ),
    ),
}


def main() -> None:
    for n, lang in enumerate(LANGS):
        path = catalog_path(lang)
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for msgid, strings in T.items():
            entry = catalog.get(msgid)
            if entry is None:
                continue
            entry.string = strings[n]
            entry.flags.discard("fuzzy")
        with path.open("wb") as fh:
            write_po(fh, catalog, width=100, ignore_obsolete=True, sort_output=False)


if __name__ == "__main__":
    main()
