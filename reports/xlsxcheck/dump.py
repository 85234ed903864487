"""Dump an XLSX workbook as JSON, read by openpyxl: an independent reader
for the tests of assay's XLSX writer (reports/xlsxcheck).

Usage: python3 dump.py FILE.xlsx
"""
import datetime
import json
import sys

import openpyxl


def cell_json(c):
    if c.value is None:
        v = None
    elif isinstance(c.value, bool):
        v = "true" if c.value else "false"
    elif isinstance(c.value, datetime.datetime):
        v = c.value.isoformat()
    elif isinstance(c.value, datetime.date):
        v = c.value.isoformat()
    elif isinstance(c.value, float):
        v = repr(c.value)
    else:
        v = str(c.value)
    fill = ""
    if c.fill is not None and c.fill.fill_type == "solid":
        fill = str(c.fill.fgColor.rgb)
    return {"v": v, "t": c.data_type, "f": c.number_format, "b": bool(c.font and c.font.b), "fill": fill}


def sheet_json(ws):
    widths = {}
    for key, dim in ws.column_dimensions.items():
        if dim.width:
            widths[key] = dim.width
    return {
        "name": ws.title,
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "merged": [str(r) for r in ws.merged_cells.ranges],
        "widths": widths,
        "rows": [[cell_json(c) for c in row] for row in ws.iter_rows()],
    }


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    json.dump({"sheets": [sheet_json(ws) for ws in wb.worksheets], "active": wb.active.title}, sys.stdout)


main()
