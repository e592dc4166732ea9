"""Workshop 1 of the HyvänMitta training plan run through all its steps by a facilitator with one
participant, then workshop 2 of the same series starting from its themes and vision."""

from playwright.sync_api import expect

from .pages import ConsolePage, JoinPage, LoginPage

NEED = "Millaisia tietoja, taitoja ja asenteita tarvitaan?"


def test_training_plan_workshop_one_then_two_with_a_card(server, new_context):
    dashboard = LoginPage(new_context().new_page(), server.url).log_in(server.facilitator_email)
    console = ConsolePage(
        dashboard.create_workshop(
            "Osallisuus 1",
            "hyvanmitta-training-plan",
            topic="osallisuusosaaminen",
            new_series="Osallisuusosaaminen 2025",
        ).page
    )
    console.control("ctl-follow").check()
    maija = JoinPage(new_context().new_page(), console.join_url).join("Maija")

    # Step 1, need: a note from each.
    maija.post(NEED, "Kuuntelemisen taito")
    console.post(NEED, "Selkokieli")
    for board in (maija, console):
        board.expect_note(NEED, "Kuuntelemisen taito")
        board.expect_note(NEED, "Selkokieli")

    # Step 2, vision: the shared statement written by the participant, seen by the facilitator.
    console.show_step(2)
    console.move_everyone_here()
    expect(maija.page.locator("#step-title")).to_contain_text("Visio")
    maija.page.get_by_role("textbox", name="Visio", exact=True).fill(
        "Jokainen asiakas tulee kuulluksi omissa asioissaan."
    )
    maija.page.get_by_role("button", name="Tallenna visio").click()
    expect(console.page.get_by_role("textbox", name="Visio", exact=True)).to_have_value(
        "Jokainen asiakas tulee kuulluksi omissa asioissaan."
    )
    expect(console.page.locator("#vision-edited")).to_contain_text("Maija")

    # Step 3, impact and themes: a development theme with a note in it.
    console.show_step(3)
    console.move_everyone_here()
    themes_prompt = console.page.locator("section.column h3").last.inner_text().rsplit(" (", 1)[0]
    maija.post(themes_prompt, "Yhteiset toimintatavat")
    console.expect_note(themes_prompt, "Yhteiset toimintatavat")
    console.control("ctl-theme-title").fill("Rakenteet ja johtaminen")
    console.control("ctl-theme-add").click()
    console.note_action(themes_prompt, "Yhteiset toimintatavat", "Rakenteet ja johtaminen")
    expect(maija.column(themes_prompt).locator(".theme-section")).to_contain_text(
        "Yhteiset toimintatavat"
    )

    # Workshop 2 of the series starts from workshop 1's themes and vision.
    second = ConsolePage(
        dashboard.create_workshop(
            "Osallisuus 2", "hyvanmitta-training-plan", index=2, series="Osallisuusosaaminen 2025"
        ).page
    )
    references = second.page.locator(".references")
    expect(references).to_contain_text("Rakenteet ja johtaminen")
    expect(references).to_contain_text("Jokainen asiakas tulee kuulluksi")
    maija2 = JoinPage(new_context().new_page(), second.join_url).join("Maija")
    expect(maija2.page.locator(".references")).to_contain_text("Rakenteet ja johtaminen")

    # A target-group card with its fields.
    maija2.show_step_titled("Kohderyhm")
    column = maija2.page.locator("section.column").first
    column.get_by_label("Kohderyhmä", exact=False).first.fill("Uudet työntekijät")
    column.get_by_label("Tavoite", exact=False).first.fill("Tuntee osallisuuden perusteet")
    column.get_by_label("Sisältö", exact=False).first.fill("Perehdytys\nVerkkokurssi")
    column.get_by_role("button", name="Lähetä").click()
    second.show_step_titled("Kohderyhm")
    card = second.page.locator("li.note", has_text="Uudet työntekijät")
    expect(card).to_contain_text("Tuntee osallisuuden perusteet")
    expect(card.locator("dd li")).to_have_text(["Perehdytys", "Verkkokurssi"])
