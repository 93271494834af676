"""Places: cities with their names in both languages and their indirect names ("the Cuban
capital", "la capital mexicana"), each country's capital, and venues that imply a city.

Data, not rules: add a city or a venue here when a communiqué names one the reader misses.
"""

from __future__ import annotations

City = tuple[str, tuple[str, ...], list[str]]


def _city(canonical: str, hosts: str, *names: str) -> City:
    """A city: its canonical name, the countries it can host for (space separated), names."""
    return (canonical, tuple(hosts.split()), [canonical, *names])


# The first country listed is the one the city is in; "EU" first for EU meeting cities would
# be wrong for a bilateral between two member states, so it comes second where it applies.
CITIES: list[City] = [
    _city(
        "Washington, D.C.",
        "US",
        "Washington DC",
        "Washington",
        "the U.S. capital",
        "the US capital",
        "the American capital",
        "the capital of the United States",
        "la capital estadounidense",
        "la capital norteamericana",
        "la capital de Estados Unidos",
        "la capital de los Estados Unidos",
    ),
    _city(
        "Havana",
        "CU",
        "La Habana",
        "the Cuban capital",
        "the capital of Cuba",
        "la capital cubana",
        "la capital de Cuba",
    ),
    _city("Beijing", "CN", "Peking", "Pekín", "the Chinese capital", "la capital china"),
    _city(
        "Mexico City",
        "MX",
        "Ciudad de México",
        "CDMX",
        "the Mexican capital",
        "la capital mexicana",
        "la capital de México",
    ),
    _city(
        "Bogotá",
        "CO",
        "Bogota",
        "the Colombian capital",
        "la capital colombiana",
        "la capital de Colombia",
    ),
    _city("Ottawa", "CA", "the Canadian capital", "la capital canadiense"),
    _city("Brussels", "EU BE", "Bruselas", "the Belgian capital", "la capital belga"),
    _city("Stockholm", "EU SE", "Estocolmo", "the Swedish capital", "la capital sueca"),
    _city("Madrid", "EU ES", "the Spanish capital", "la capital española"),
    _city("Lisbon", "EU PT", "Lisboa", "the Portuguese capital", "la capital portuguesa"),
    _city("Vienna", "EU AT", "Viena", "the Austrian capital", "la capital austriaca"),
    _city("Sofia", "EU BG", "Sofía", "the Bulgarian capital", "la capital búlgara"),
    _city("Bucharest", "EU RO", "Bucarest", "the Romanian capital", "la capital rumana"),
    _city("Paris", "EU FR", "París", "the French capital", "la capital francesa"),
    _city("Riga", "EU LV", "the Latvian capital", "la capital letona"),
    _city("Rome", "EU IT", "Roma", "the Italian capital", "la capital italiana"),
    _city("Berlin", "EU DE", "Berlín", "the German capital", "la capital alemana"),
    _city("Warsaw", "EU PL", "Varsovia", "the Polish capital", "la capital polaca"),
    _city("Prague", "EU CZ", "Praga", "the Czech capital", "la capital checa"),
    _city("Budapest", "EU HU", "the Hungarian capital", "la capital húngara"),
    _city("Bratislava", "EU SK", "the Slovak capital", "la capital eslovaca"),
    _city("Ljubljana", "EU SI", "Liubliana", "the Slovenian capital", "la capital eslovena"),
    _city("Zagreb", "EU HR", "the Croatian capital", "la capital croata"),
    _city("Helsinki", "EU FI", "the Finnish capital", "la capital finlandesa"),
    _city("Tallinn", "EU EE", "the Estonian capital", "la capital estonia"),
    _city("Vilnius", "EU LT", "the Lithuanian capital", "la capital lituana"),
    _city("Valletta", "EU MT", "La Valeta", "the Maltese capital", "la capital maltesa"),
    _city("Luxembourg", "EU LU", "Luxemburgo"),
    _city("Dublin", "EU IE", "Dublín", "the Irish capital", "la capital irlandesa"),
    _city("Athens", "EU GR", "Atenas", "the Greek capital", "la capital griega"),
    _city("Copenhagen", "EU DK", "Copenhague", "the Danish capital", "la capital danesa"),
    _city("The Hague", "EU NL", "La Haya"),
    _city("Amsterdam", "EU NL", "Ámsterdam"),
    _city("Nicosia", "EU CY", "the Cypriot capital"),
    _city("Miami", "US"),
    _city("New York", "US", "Nueva York"),
    _city("San Francisco", "US"),
    _city("Los Angeles", "US", "Los Ángeles"),
    _city("Chicago", "US"),
    _city("Houston", "US"),
    _city("San Diego", "US"),
    _city("El Paso", "US"),
    _city("Key West", "US", "Cayo Hueso"),
    _city("Shanghai", "CN", "Shanghái"),
    _city("Guangzhou", "CN", "Cantón"),
    _city("Hong Kong", "CN"),
    _city("Monterrey", "MX"),
    _city("Guadalajara", "MX"),
    _city("Tijuana", "MX"),
    _city("Cartagena", "CO", "Cartagena de Indias"),
    _city("Medellín", "CO", "Medellin"),
    _city("Cali", "CO"),
    _city("Toronto", "CA"),
    _city("Montreal", "CA", "Montréal"),
    _city("Vancouver", "CA"),
    _city("Santiago de Cuba", "CU"),
    _city("Panama City", "PA", "Ciudad de Panamá"),
    _city("Guatemala City", "GT", "Ciudad de Guatemala"),
    _city("San Salvador", "SV"),
    _city("Tegucigalpa", "HN"),
    _city("Managua", "NI"),
    _city("Santo Domingo", "DO"),
    _city("Kingston", "JM"),
    _city("Caracas", "VE"),
    _city("Quito", "EC"),
    _city("Lima", "PE"),
    _city("Buenos Aires", "AR"),
    _city("Brasília", "BR", "Brasilia"),
    _city("Montevideo", "UY"),
    _city("Tokyo", "JP", "Tokio"),
]

# Where a body of a country sits when the text says "at the Ministry" or "at the seat of this
# Ministry" without naming the city.
CAPITALS: dict[str, str] = {
    "US": "Washington, D.C.",
    "CU": "Havana",
    "MX": "Mexico City",
    "CO": "Bogotá",
    "CN": "Beijing",
    "CA": "Ottawa",
    "EU": "Brussels",
}

# Buildings that name their city.
VENUES: dict[str, list[str]] = {
    "Washington, D.C.": [
        "the State Department",
        "State Department",
        "the Harry S Truman Building",
        "the White House",
        "la Casa Blanca",
        "the Capitol",
        "el Departamento de Estado",
    ],
    "Mexico City": ["Palacio Nacional", "the National Palace", "Palacio de Bucareli"],
    "Bogotá": ["Palacio de San Carlos", "the San Carlos Palace", "Casa de Nariño"],
    "Havana": ["Palacio de la Revolución", "the Palace of the Revolution"],
    "Brussels": ["the Berlaymont", "the Justus Lipsius building", "the Europa building"],
    "Ottawa": ["Parliament Hill"],
}
