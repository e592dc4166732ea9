"""The training-plan draft's own words, per workshop language; ``words.py`` merges them into
its table. Kept apart so that the plan's vocabulary reads as one piece: the fill-in prompt of
every section that nothing in the series covered, the facts of a target group, and the
follow-up table of STM decree 57/2024."""

PLAN_WORDS: dict[str, dict[str, str]] = {
    "fi": {
        "fill_need": "Täydennä: mitä osaamista tarvitaan, mitä on jo ja mitä seuraa, jos mitään "
        "ei tehdä?",
        "fill_vision": "Täydennä: mihin koulutuksella pyritään pitkällä aikavälillä ja mitä "
        "konkreettista muutosta tavoitellaan?",
        "fill_themes": "Täydennä: mitkä ovat osaamisen kehittämisen pääteemat?",
        "fill_target_groups": "Täydennä: kenelle koulutus suunnataan ja mikä on kunkin ryhmän "
        "tavoite, sisältö ja laajuus (tunnit, ryhmän koko, kuinka usein)?",
        "fill_methods": "Täydennä: millaisilla menetelmillä osaamista kehitetään ja kenelle?",
        "fill_resources": "Täydennä: mitä resursseja ja materiaaleja on käytettävissä, mitä "
        "koulutus maksaa ja kuka voi olla mukana toteuttamassa sitä?",
        "fill_schedule": "Täydennä: mitä tehdään lyhyellä ja mitä pitkällä aikavälillä?",
        "fill_responsibilities": "Täydennä: kuka vastaa mistäkin tehtävästä ja mihin mennessä?",
        "fill_follow_up": "Täydennä taulukkoon: millä mittarilla, mistä tiedoista, kuka ja "
        "milloin kutakin asiaa seurataan?",
        "fill_validity": "Täydennä: kuinka kauan suunnitelma on voimassa ja kuinka usein se "
        "päivitetään?",
        "fill_other_plans": "Täydennä: miten suunnitelma liittyy organisaation muihin "
        "suunnitelmiin (esimerkiksi henkilöstösuunnitelma, osaamisen kehittämisen "
        "suunnitelma)?",
        "fill_approval": "Täydennä: kuka hyväksyy suunnitelman ja milloin?",
        "fill_open_questions": "Täydennä: mitkä kysymykset jäivät auki ja mitkä ovat seuraavat "
        "askeleet?",
        "not_discussed": "Ei käsitelty: {items}.",
        "fill_in": "täydennä",
        "group_goal": "Tavoite",
        "group_contents": "Sisältö",
        "group_module": "Moduuli",
        "group_scope": "Laajuus",
        "group_scope_fill": "täydennä tunnit, ryhmän koko ja kuinka usein",
        "group_methods": "Menetelmät",
        "group_schedule": "Aikataulu",
        "group_responsible": "Vastuu",
        "group_need": "Tarvekartoituksesta",
        "group_notes": "Huomioita",
        "hours": "{n} h",
        "persons": "{n} hlöä",
        "area": "Seurattava asia",
        "indicator": "Mittari",
        "source": "Tietolähde",
        "who": "Kuka seuraa",
        "when": "Milloin",
        "area_participation": "Osallistuminen",
        "area_content": "Sisältö",
        "area_quality": "Laatu",
        "area_effectiveness": "Vaikuttavuus",
        "area_costs": "Kustannukset",
    },
    "sv": {
        "fill_need": "Komplettera: vilken kompetens behövs, vad finns redan och vad händer om "
        "ingenting görs?",
        "fill_vision": "Komplettera: vad strävar utbildningen efter på lång sikt och vilken "
        "konkret förändring eftersträvas?",
        "fill_themes": "Komplettera: vilka är huvudtemana i kompetensutvecklingen?",
        "fill_target_groups": "Komplettera: vem riktas utbildningen till och vilket är varje "
        "grupps mål, innehåll och omfattning (timmar, gruppens storlek, hur ofta)?",
        "fill_methods": "Komplettera: med vilka metoder utvecklas kompetensen och för vem?",
        "fill_resources": "Komplettera: vilka resurser och vilket material finns, vad kostar "
        "utbildningen och vem kan vara med och genomföra den?",
        "fill_schedule": "Komplettera: vad görs på kort och vad på lång sikt?",
        "fill_responsibilities": "Komplettera: vem ansvarar för vilken uppgift och till när?",
        "fill_follow_up": "Komplettera tabellen: med vilken indikator, utifrån vilka uppgifter, "
        "vem och när följs varje område upp?",
        "fill_validity": "Komplettera: hur länge gäller planen och hur ofta uppdateras den?",
        "fill_other_plans": "Komplettera: hur hänger planen ihop med organisationens andra "
        "planer (till exempel personalplanen, planen för kompetensutveckling)?",
        "fill_approval": "Komplettera: vem godkänner planen och när?",
        "fill_open_questions": "Komplettera: vilka frågor lämnades öppna och vilka är nästa steg?",
        "not_discussed": "Inte behandlat: {items}.",
        "fill_in": "komplettera",
        "group_goal": "Mål",
        "group_contents": "Innehåll",
        "group_module": "Modul",
        "group_scope": "Omfattning",
        "group_scope_fill": "komplettera timmar, gruppens storlek och hur ofta",
        "group_methods": "Metoder",
        "group_schedule": "Tidsplan",
        "group_responsible": "Ansvar",
        "group_need": "Från behovsanalysen",
        "group_notes": "Anmärkningar",
        "hours": "{n} h",
        "persons": "{n} personer",
        "area": "Område",
        "indicator": "Indikator",
        "source": "Datakälla",
        "who": "Vem följer upp",
        "when": "När",
        "area_participation": "Deltagande",
        "area_content": "Innehåll",
        "area_quality": "Kvalitet",
        "area_effectiveness": "Verkningsfullhet",
        "area_costs": "Kostnader",
    },
    "en": {
        "fill_need": "To complete: what competence is needed, what exists already, and what "
        "follows if nothing is done?",
        "fill_vision": "To complete: what is the training aiming at in the long term, and what "
        "concrete change is sought?",
        "fill_themes": "To complete: what are the main themes of developing the competence?",
        "fill_target_groups": "To complete: who is the training for, and what are each group's "
        "goal, contents and scope (hours, group size, how often)?",
        "fill_methods": "To complete: which methods develop the competence, and for whom?",
        "fill_resources": "To complete: what resources and materials are available, what does "
        "the training cost, and who can take part in delivering it?",
        "fill_schedule": "To complete: what happens in the short term and what in the long term?",
        "fill_responsibilities": "To complete: who is responsible for which task, and by when?",
        "fill_follow_up": "To complete in the table: which indicator, which data, who and when "
        "for each area?",
        "fill_validity": "To complete: how long is the plan valid, and how often is it updated?",
        "fill_other_plans": "To complete: how does the plan relate to the organisation's other "
        "plans (for example the staffing plan or the competence development plan)?",
        "fill_approval": "To complete: who approves the plan, and when?",
        "fill_open_questions": "To complete: which questions were left open, and what are the "
        "next steps?",
        "not_discussed": "Not covered: {items}.",
        "fill_in": "to complete",
        "group_goal": "Goal",
        "group_contents": "Contents",
        "group_module": "Module",
        "group_scope": "Scope",
        "group_scope_fill": "to complete: hours, group size and how often",
        "group_methods": "Methods",
        "group_schedule": "Schedule",
        "group_responsible": "Responsibility",
        "group_need": "From the need analysis",
        "group_notes": "Notes",
        "hours": "{n} h",
        "persons": "{n} people",
        "area": "Area",
        "indicator": "Indicator",
        "source": "Data source",
        "who": "Who follows up",
        "when": "When",
        "area_participation": "Participation",
        "area_content": "Content",
        "area_quality": "Quality",
        "area_effectiveness": "Effectiveness",
        "area_costs": "Cost",
    },
}
