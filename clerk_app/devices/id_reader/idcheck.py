"""Checks the card's ID number with the domain rule (clerk_app.domain.id_numbers).

Public API: ``check_id_number(card) -> list[str]`` (problems, empty when fine).
The 2017 foreigner number (3 letters + 12 digits) predates GB 11643 and is not checked.
"""

from __future__ import annotations

import logging

from clerk_app.devices.id_reader.cardtext import CardType, IdCard
from clerk_app.errors import UserError
from clerk_app.messages import Text

log = logging.getLogger("clerk_app.devices")


def check_id_number(card: IdCard) -> list[str]:
    if card.card_type is CardType.FOREIGNER_2017:
        return []
    try:
        from clerk_app.domain.id_numbers import validate_id_number
    except ModuleNotFoundError:
        log.warning("clerk_app.domain.id_numbers missing: ID number of the card not checked")
        return []
    try:
        validate_id_number(card.id_number)
    except UserError as exc:
        return [Text("card.id_number_invalid", reason=exc)]
    return []
