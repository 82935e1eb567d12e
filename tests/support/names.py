"""Fifty real first names as parents type them: apostrophes, hyphens, accents, Devanagari,
Tamil, Arabic, Chinese, two-word names (the PDF and the dialogue both take each one whole)."""

NAMES = [
    *("D'Arcy", "O'Neil", "N'Golo", "D'Angelo", "O'Brien"),
    *("Anne-Marie", "Jean-Luc", "Mary-Kate", "Ana-Sofia", "Lee-Ann"),
    *("Zoë", "José", "Chloé", "Björn", "Søren", "Łukasz", "Çağla", "Siân", "Maëlle", "Nuño"),
    *("आरव", "अनन्या", "विहान", "सिया", "ईशान"),
    *("அருண்", "கவின்", "மீனா", "தமிழ்", "நிலா"),
    *("ليلى", "عمر", "يوسف", "مريم", "زينب"),
    *("小明", "思琪", "子涵", "浩然", "欣怡"),
    *("Mary Jane", "Li Wei", "Ana Lucia", "Jean Paul", "Sofia Rose"),
    *("Aoife", "Nguyễn", "Ngozi", "Oluwaseun", "Xóchitl"),
]
