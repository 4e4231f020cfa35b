"""Translations are found across languages with the multilingual encoder; an independent
report in another language on the same event is not a translation."""
from newsfuse.copies import trace_copies
from newsfuse.model import Article

ENGLISH = [
    "Emergency crews evacuated about 1,200 residents from low-lying districts of Marrowby on Tuesday after the "
    "Calder River burst its banks following two days of heavy rain, the regional emergency agency said.",
    "The agency said three bridges over the river had been closed and that water levels at the central gauge had "
    "risen by nearly two metres overnight, the fastest rise recorded at the station since it was installed in 1987.",
    "Forecasters had predicted up to 45 millimetres of rain for the weekend, but stations in the hills north of the "
    "town measured more than twice that amount, according to the national weather office.",
    "Schools in the affected districts will remain shut for the rest of the week, the town council said, adding "
    "that temporary shelters had been set up in two sports halls and a community centre on higher ground.",
    "Local businesses along the riverside promenade spent the night stacking sandbags, and several shop owners said "
    "they had moved their stock to upper floors after the damage caused by a smaller flood two years ago.",
]

FRENCH_TRANSLATION = [
    "Les secours ont évacué mardi environ 1 200 habitants des quartiers bas de Marrowby après que la rivière Calder "
    "est sortie de son lit à la suite de deux jours de fortes pluies, a indiqué l'agence régionale des urgences.",
    "Selon l'agence, trois ponts sur la rivière ont été fermés et le niveau de l'eau à la station centrale a monté "
    "de près de deux mètres pendant la nuit, la hausse la plus rapide depuis l'installation de la station en 1987.",
    "Les prévisionnistes avaient annoncé jusqu'à 45 millimètres de pluie pour le week-end, mais les stations des "
    "collines au nord de la ville ont mesuré plus du double, selon le service météorologique national.",
    "Les écoles des quartiers touchés resteront fermées jusqu'à la fin de la semaine, a précisé le conseil municipal, "
    "ajoutant que des abris temporaires avaient été installés dans deux gymnases et un centre communautaire en hauteur.",
    "Les commerçants de la promenade au bord de la rivière ont passé la nuit à empiler des sacs de sable, et plusieurs "
    "ont dit avoir monté leur stock aux étages après les dégâts d'une crue plus petite il y a deux ans.",
]

FRENCH_INDEPENDENT = [
    "La montée des eaux a chassé quelque 1 200 personnes de leurs maisons mardi à Marrowby, où la Calder a débordé.",
    "Le maire a critiqué le manque d'entretien des digues, construites il y a plus de quarante ans, et a demandé au "
    "gouvernement régional un plan de rénovation avant l'hiver prochain.",
    "Des bénévoles de la Croix-Rouge distribuaient des couvertures et des repas chauds aux familles hébergées dans "
    "les gymnases, dont beaucoup disaient n'avoir emporté que quelques vêtements.",
    "Les assureurs estiment que les dégâts pourraient dépasser ceux de 2019, lorsque la même rivière avait inondé "
    "le centre historique pendant près d'une semaine.",
]

FRENCH_PARAPHRASE = [
    "La montée des eaux a chassé environ 1 200 personnes de leurs maisons à Marrowby mardi, la rivière Calder ayant "
    "débordé après un week-end de pluies torrentielles dans les collines.",
    "Trois ponts ont été fermés et les trains vers la capitale régionale ont été arrêtés, Westline mettant des bus "
    "en place.",
    "Les météorologues ont indiqué que les collines au nord de Marrowby avaient reçu plus du double des 45 "
    "millimètres de pluie prévus pour le week-end.",
    "Les élèves des quartiers inondés resteront chez eux le reste de la semaine, tandis que deux gymnases et un "
    "centre communautaire en hauteur servent d'abris, a indiqué le conseil.",
]


def test_translation_is_linked_and_directed_by_date():
    english = Article(id="en", source="t", body=ENGLISH, language="en", published="2024-03-04")
    french = Article(id="fr", source="t", body=FRENCH_TRANSLATION, language="fr", published="2024-03-05")
    relations = trace_copies([english, french])
    assert [(r.source, r.target, r.relation, r.directed) for r in relations] == [("fr", "en", "translation", True)]


def test_independent_reports_in_another_language_are_not_translations():
    english = Article(id="en", source="t", body=ENGLISH, language="en")
    other = Article(id="fr", source="t", body=FRENCH_INDEPENDENT, language="fr")
    same_facts = Article(id="fr2", source="t", body=FRENCH_PARAPHRASE, language="fr")
    assert trace_copies([english, other, same_facts]) == []


def test_leads_are_compared_across_languages_from_the_given_rows_only():
    import numpy as np

    from newsfuse.copies import translation

    flood, fire, other = np.eye(3)
    leads = np.array([flood, flood, flood, fire, fire, other])
    languages = ["en", "en", "fr", "en", "pcm", "en"]
    assert translation.lead_pairs(languages, leads, [2, 4]) == [(0, 2), (1, 2), (3, 4)]  # en-en (0, 1) never compared
    assert translation.lead_pairs(languages, leads, [4]) == [(3, 4)]


def test_each_lead_keeps_its_closest_candidates_only(monkeypatch):
    import numpy as np

    from newsfuse.copies import translation

    monkeypatch.setattr(translation, "MAX_LEAD_CANDIDATES", 1)
    monkeypatch.setattr(translation, "LEAD_BLOCK", 1)
    leads = translation._unit(np.array([[1.0, 0.0], [1.0, 0.1], [1.0, 0.3], [0.0, 1.0]]))
    assert translation.lead_pairs(["fr", "en", "en", "en"], leads, [0]) == [(0, 1)]
