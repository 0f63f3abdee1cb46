"""Constrained field types shared by the contract's models (lengths bound every request body)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

Uuid = Annotated[str, Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                            description="a lower-case UUID made by the desk")]
BranchCode = Annotated[str, Field(pattern=r"^[0-9A-Z]{2,10}$", description="branch code, or HO for head office")]
DeskCode = Annotated[str, Field(pattern=r"^[0-9A-Z]{1,6}$")]
CaseNumber = Annotated[str, Field(pattern=r"^[0-9A-Z]{2,10}-[0-9A-Z]{1,6}-\d{8}-\d{4,9}$",
                                  description="<branch>-<desk>-<Beijing date YYYYMMDD>-<seq>")]
Code = Annotated[str, Field(min_length=1, max_length=10)]
Hex64 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Name = Annotated[str, Field(min_length=1, max_length=100)]
Line = Annotated[str, Field(max_length=200)]
Text = Annotated[str, Field(max_length=10000)]
LongText = Annotated[str, Field(max_length=40000)]
