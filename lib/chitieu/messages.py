"""Every finding's Vietnamese message template, in one place so the wording stays consistent and
reviewable; grouped by the module that raises it. A code never changes once published (an officer's
note may cite it); a template may be reworded.

Placeholders are filled from the finding's parameters when it is shown (``Finding.message``):
whole numbers are written as Vietnamese write them ("20.000").
"""

from __future__ import annotations

ERROR, WARNING, INFO = "error", "warning", "info"

# code: (severity, template)
MESSAGES: dict[str, tuple[str, str]] = {
    # reading/sheets.py: the file itself
    "file-missing": (ERROR, "Không tìm thấy tệp."),
    "file-empty": (ERROR, "Tệp rỗng (0 byte)."),
    "file-unreadable": (ERROR, "Không đọc được tệp: không phải sổ Excel (.xlsx, .xlsm, .xls, .ods) hay tệp .csv hợp lệ."),
    "file-encrypted": (ERROR, "Tệp được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi tải lại."),
    "file-format": (ERROR, "Định dạng tệp '{suffix}' chưa được hỗ trợ; hãy lưu lại dưới dạng .xlsx hoặc .csv."),
    # reading/guards.py: limits checked before a file is read
    "list-too-large": (ERROR, "Tệp nặng {size}, vượt giới hạn {limit} cho một danh sách công dân (đếm một tệp như "
                              "vậy mất hơn {minutes} phút). Hãy tách danh sách theo huyện hoặc theo xã rồi đọc từng tệp."),
    "file-too-large": (ERROR, "Tệp nặng {size}, vượt giới hạn {limit} mà chitieu đọc được; "
                              "hãy tách tệp hoặc xoá các trang, dòng không cần rồi tải lên lại."),
    "zip-too-large": (ERROR, "Tệp nén này khi giải nén thành {unpacked}, vượt giới hạn {limit}; "
                             "tệp không được mở (có thể là tệp hỏng hoặc tệp độc hại kiểu \"bom giải nén\")."),
    "zip-ratio": (ERROR, "Phần '{member}' của tệp nén chỉ {packed} nhưng giải nén thành {unpacked} (gấp {ratio} lần, "
                         "giới hạn {limit} lần): dấu hiệu tệp độc hại kiểu \"bom giải nén\" nên tệp không được mở."),
    "too-many-cells": (ERROR, "Trang tính có khoảng {rows} dòng × {columns} cột = {cells} ô, vượt giới hạn {limit} ô "
                              "đọc được một lần; hãy tách tệp hoặc xoá các dòng, cột thừa rồi tải lên lại."),
    # reading/tcvn3.py: legacy text
    "text-tcvn3": (WARNING, "{count} ô gõ bằng bảng mã cũ TCVN3 (phông .VnTime) đã được chuyển sang Unicode, "
                            "ví dụ '{before}' thành '{after}'; hãy kiểm tra lại tên đơn vị."),
    # reading/layout.py: finding the table in a sheet
    "no-table": (WARNING, "Không tìm thấy bảng số liệu (cần một dòng tiêu đề có cột đơn vị và ít nhất một cột số)."),
    "not-a-number": (ERROR, "Ô có giá trị '{value}' không phải là số."),
    "negative-number": (ERROR, "Số âm ({value}) không hợp lệ cho chỉ tiêu hay kết quả."),
    # reading/table_checks.py: tables whose figures cannot all be counted
    "table-empty": (WARNING, "Có dòng tiêu đề bảng ({header}) nhưng không có dòng số liệu nào bên dưới."),
    "merged-figure": (WARNING, "Số {value} nằm trong ô gộp từ dòng {first} đến dòng {last} nên chỉ được tính cho "
                               "'{unit}' (dòng đầu); hãy bỏ gộp ô và ghi số cho từng đơn vị."),
    "row-without-unit": (ERROR, "Dòng có số liệu ({values}) nhưng không có tên đơn vị nên không được tính cho "
                                "đơn vị nào; hãy ghi tên đơn vị."),
    # citizens/counts.py: one row per person, counted, never copied
    "citizen-list": (INFO, "Danh sách công dân ({people} dòng) được đếm theo đơn vị và trạng thái; "
                           "họ tên, số định danh, ngày sinh bị bỏ ngay khi đọc, không được lưu lại."),
    "status-unknown": (WARNING, "Trạng thái '{status}' ({count} người) không rõ là mức 1 hay mức 2 nên chưa được đếm."),
    # citizens/worklist.py: whom to visit
    "not-a-citizen-list": (ERROR, "Tệp không phải danh sách công dân (cần các cột số định danh, nơi cư trú "
                                  "và trạng thái) nên không lập được danh sách cần vận động."),
    # mapping/records.py: sheets and columns turned into records, totals rows checked
    "sheet-hidden": (INFO, "Trang tính bị ẩn nên được bỏ qua (dùng --hidden để đọc cả trang ẩn)."),
    "sheet-hidden-read": (INFO, "Trang tính bị ẩn nhưng vẫn được đọc theo yêu cầu."),
    "formula-uncached": (ERROR, "Ô chứa công thức nhưng tệp không lưu giá trị đã tính nên chưa biết số; "
                                "hãy mở tệp bằng Excel, lưu lại rồi tải lên lại."),
    "column-unmapped": (INFO, "Cột '{label}' không khớp chỉ tiêu nào trong danh mục nên không được tính."),
    "column-ambiguous": (WARNING, "Cột '{label}' có thể là một trong các chỉ tiêu: {candidates}; chưa được tính. "
                                  "Hãy chọn bằng --map \"{label}=<mã chỉ tiêu>:<vai trò>\"."),
    "column-unconfirmed": (WARNING, ("Cột '{label}' được đọc là “{reading}” nhưng độ tin cậy chỉ {confidence} "
                                     "({evidence}); chưa được tính cho đến khi được xác nhận: bấm “Đúng” ở mục "
                                     "Kiểm tra cách đọc, hoặc dùng --map \"{label}={choice}\".")),
    "total-mismatch": (ERROR, "Dòng tổng ghi {published}, nhưng cộng các dòng được {computed} (chênh {difference})."),
    "total-rounding": (WARNING, "Dòng tổng ghi {published}, cộng các dòng được {computed}: chênh {difference} do làm tròn từng dòng."),
    "total-mismatch-context": (WARNING, "Dòng tổng ghi {published} ở cột '{label}', nhưng cộng các dòng được "
                                        "{computed} (chênh {difference}); cột này không được tính vào chỉ tiêu "
                                        "hay kết quả nhưng số liệu không khớp."),
    # mapping/targets.py: deadlines and shares a quota table's words give
    "deadline-read": (INFO, "Hạn hoàn thành chỉ tiêu '{indicator}' là ngày {deadline}, theo '{text}'."),
    "quota-from-share": (INFO, "Chỉ tiêu '{indicator}' của {units} đơn vị là {share} của '{eligible}' (làm tròn lên), "
                               "ví dụ '{unit}': {share} × {eligible_value} = {quota}."),
    # mapping/columns.py: what the columns of a table mean together
    "not-done-as-quota": (INFO, "Bảng không có cột chỉ tiêu, cũng không có cột đã thực hiện, nên cột số chưa thực "
                                "hiện '{label}' được tính là chỉ tiêu (số người cần vận động)."),
    "whole-as-quota": (INFO, "Bảng không có cột chỉ tiêu nên cột '{label}', bằng '{done}' + '{rest}', được tính là "
                             "chỉ tiêu."),
    "group-total-mismatch": (WARNING, "'{unit}': cột tổng ghi {published}, nhưng các cột thành phần ({parts}) "
                                      "cộng lại được {computed}; chỉ cột tổng được tính."),
    "done-mismatch": (WARNING, "'{unit}': '{done}' ({done_value}) + '{rest}' ({rest_value}) = {sum}, "
                               "khác '{whole}' ({whole_value})."),
    # mapping/days.py: a daily table, a column per day
    "daily-table-own": (INFO, "Bảng theo ngày: {count} cột ngày từ '{first}' đến '{last}' là số của từng ngày; kết quả "
                              "của mỗi đơn vị là số lũy kế đến ngày '{last}' (cột '{total}')."),
    "daily-table-running": (INFO, "Bảng theo ngày: {count} cột ngày từ '{first}' đến '{last}' là số lũy kế; kết quả "
                                  "của mỗi đơn vị là số lũy kế đến ngày '{last}' (cột '{total}')."),
    "daily-kind-unknown": (WARNING, "Các cột ngày từ '{first}' đến '{last}' không có cột tổng, số liệu không giảm "
                                    "ngày nào và tiêu đề không nói rõ nên chưa biết là số của từng ngày hay số lũy kế; "
                                    "đã đọc là số lũy kế (kết quả là số ngày '{last}', không cộng các ngày). Nếu là "
                                    "số của từng ngày, kết quả là tổng các ngày: hãy thêm cột tổng cộng."),
    "daily-total-mismatch": (WARNING, "'{unit}': cột '{total}' ghi {published}, nhưng các cột ngày từ '{first}' "
                                      "đến '{last}' cộng lại được {computed}; kết quả lấy theo cột '{total}'."),
    "daily-running-mismatch": (WARNING, "'{unit}': cột '{total}' ghi {published}, nhưng số lũy kế ngày '{last}' là "
                                        "{computed}; kết quả lấy theo cột '{total}'."),
    # mapping/families.py: a family of indicators whose parts add up to it (mức 1 + mức 2)
    "family-parts-mismatch": (WARNING, "'{unit}': {family} ghi {whole}, nhưng các phần {parts} cộng lại được "
                                       "{computed}."),
    "family-from-parts": (INFO, "Tệp không có cột '{family}' nên kết quả của {units} đơn vị được tính bằng "
                                "tổng các phần: {parts}."),
    "family-parts-incomplete": (WARNING, "Tệp có kết quả '{given}' nhưng thiếu '{missing}' nên chưa tính được "
                                         "kết quả '{family}' của {count} đơn vị: {units}."),
    # mapping/record_checks.py: figures that cannot be right, files with no figure at all
    "result-implausible": (WARNING, "Kết quả của '{unit}' là {result}, gấp {times} lần chỉ tiêu {quota}; "
                                    "hãy kiểm tra có gõ nhầm hay thừa chữ số không."),
    "duplicate-unit": (WARNING, "Đơn vị '{unit}' xuất hiện nhiều lần trong cùng một tệp (có thể dưới các cách viết khác nhau); các số được cộng dồn."),
    "column-duplicate": (WARNING, "Các cột {columns} đều được đọc là {role} '{indicator}' nhưng số liệu khác nhau, "
                                  "nên không cột nào được tính (không cộng hai cột vào nhau); hãy chọn cột đúng bằng "
                                  "--map \"Tên cột=<mã chỉ tiêu>:<vai trò>\" hoặc ở phần xem lại cột."),
    "column-repeated": (INFO, "Các cột {columns} đều được đọc là {role} '{indicator}' và có số liệu giống nhau, "
                              "nên chỉ tính một lần (cột {kept})."),
    "file-nothing-counted": (ERROR, "Không có số liệu nào được tính từ tệp này: không tìm thấy bảng có cột tên đơn vị "
                                    "và cột chỉ tiêu hoặc kết quả nhận ra được; hãy xem các cảnh báo khác về tệp."),
    # mapping/overrides.py: the officer's --map and --alias
    "map-invalid": (ERROR, "Lựa chọn cột '{value}' không đúng dạng \"Tên cột=mã chỉ tiêu:vai trò\"."),
    "map-unknown-indicator": (ERROR, "Lựa chọn cột '{value}': không có chỉ tiêu '{indicator}' (có: {known})."),
    "map-unknown-role": (ERROR, "Lựa chọn cột '{value}': không có vai trò '{role}' (có: {known})."),
    "alias-invalid": (ERROR, "Tên gọi khác của đơn vị '{value}' không đúng dạng \"Tên trong kết quả=Tên trong chỉ tiêu\"."),
    "accept-invalid": (ERROR, "Xác nhận số liệu '{value}' không đúng dạng \"Tên đơn vị:mã chỉ tiêu\"."),
    # mapping/profiles.py: the saved mapping profile
    "profile-invalid": (ERROR, "Tệp cấu hình ánh xạ cột không đọc được (cần dạng YAML với 'profiles' và 'units')."),
    "deadline-invalid": (ERROR, "Hạn của chỉ tiêu '{value}' không đúng dạng \"mã chỉ tiêu=ngày/tháng/năm\" (hoặc "
                                "\"mã chỉ tiêu=ngày bắt đầu-ngày kết thúc\")."),
    # mapping/register.py: commune names against the official 2025 list (chitieu check --register)
    "register-province-merged": (INFO, "Từ ngày 1/7/2025, {province} đã hợp nhất vào {merged_into}; tên xã, phường "
                                       "được đối chiếu với danh mục của {merged_into}."),
    "register-province-unknown": (WARNING, "Không có '{province}' trong danh mục 34 tỉnh, thành phố từ ngày 1/7/2025 "
                                           "nên chưa đối chiếu được tên xã, phường. Có phải là: {suggestions}?"),
    "register-unit-unknown": (WARNING, "'{unit}' không có trong danh mục xã, phường, đặc khu của {province} "
                                       "từ ngày 1/7/2025. Có phải là: {suggestions}?"),
    "register-spelling": (INFO, "'{unit}' được ghi trong danh mục đơn vị hành chính từ ngày 1/7/2025 là '{official}'."),
    # summary/campaign.py
    "campaign-dates-missing": (ERROR, "Chưa biết thời gian của đợt (ngày bắt đầu và kết thúc): hãy nhập ngày bắt đầu và ngày kết thúc."),
    "as-of-missing": (WARNING, "Tệp không cho biết số liệu tính đến ngày nào (không có ngày trong tiêu đề, tên trang, "
                               "tên tệp hay cột ngày) nên được tính như số liệu ngày {as_of}, ngày mới nhất của các "
                               "tệp khác; nếu không đúng, hãy nhập ngày \"Tính đến\" (--as-of)."),
    "as-of-missing-today": (WARNING, "Tệp không cho biết số liệu tính đến ngày nào (không có ngày trong tiêu đề, tên "
                                     "trang, tên tệp hay cột ngày) nên lấy ngày hôm nay {as_of}; nếu không đúng, hãy "
                                     "nhập ngày \"Tính đến\" (--as-of)."),
    "as-of-today": (WARNING, "Không tệp nào cho biết số liệu tính đến ngày nào ({files}) nên lấy ngày hôm nay "
                             "{as_of}; nếu không đúng, hãy nhập ngày \"Tính đến\" (--as-of)."),
    "deadline-before-start": (WARNING, "Hạn của chỉ tiêu '{indicator}' là ngày {deadline}, trước ngày bắt đầu {start}: "
                                       "không dùng được, chỉ tiêu này tính theo thời gian của đợt; hãy kiểm tra lại hạn "
                                       "(--deadline) hoặc ngày bắt đầu."),
    # summary/files.py: workbooks in, summary out
    "file-repeated": (INFO, "Tệp '{name}' có nội dung giống hệt tệp '{same_as}' ({slot}) nên chỉ được đọc một lần, "
                            "như {slot}."),
    "quota-not-found": (ERROR, "Không tìm thấy chỉ tiêu giao nào trong các tệp đã đọc: {files}. Cần một bảng có cột "
                               "tên đơn vị và cột chỉ tiêu (ví dụ \"Chỉ tiêu được giao\"); hãy kiểm tra lại sổ chỉ tiêu."),
    # summary/table.py: units matched, results over time, roll-ups
    "unit-unmatched": (WARNING, "Đơn vị '{unit}' trong tệp kết quả không có trong sổ chỉ tiêu.{suggestion}"),
    "unit-ambiguous": (WARNING, ("Đơn vị '{unit}' trong tệp kết quả ({files} tệp) trùng tên với nhiều đơn vị trong sổ "
                                 "chỉ tiêu: {places}; không có cột, tiêu đề hay tên tệp nào cho biết đơn vị cấp trên "
                                 "nên kết quả chưa được tính. Hãy ghi tên đơn vị cấp trên vào tiêu đề hoặc tên tệp.")),
    "unit-placed": (INFO, "Các đơn vị trong tệp được hiểu là thuộc '{parent}' (theo {source})."),
    "duplicate-unit-files": (WARNING, ("Đơn vị '{unit}' xuất hiện nhiều lần trong cùng một tệp, ở {files} tệp (từ "
                                       "tệp này); các số trong mỗi tệp được cộng dồn.")),
    "result-without-quota": (INFO, "Có kết quả chỉ tiêu '{indicator}' của '{unit}' nhưng không có chỉ tiêu giao."),
    "children-not-reported": (WARNING, "'{unit}' ({indicator}): {missing}/{total} đơn vị trực thuộc chưa báo cáo kết quả."),
    "result-replaced": (INFO, "'{unit}' ({indicator}) ngày {date} có trong nhiều tệp; dùng số của tệp đọc sau."),
    "result-stale": (WARNING, "'{unit}' ({indicator}) không có số liệu trong báo cáo ngày {date} (ô trống hoặc "
                              "'-'); đang dùng số đã báo cáo ngày {used_date} ({result}), cần xác minh."),
    "as-of-before-start": (WARNING, "Ngày báo cáo {as_of} trước ngày bắt đầu đợt {start}."),
    # summary/targets.py: targets as plans set them
    "quota-from-daily": (INFO, "Chỉ tiêu '{indicator}' chỉ được giao theo ngày ({units} đơn vị): chỉ tiêu cả đợt tính "
                               "bằng chỉ tiêu ngày × {days} ngày của chỉ tiêu, ví dụ {daily} × {days} = {quota}."),
    "baseline-subtracted": (INFO, "Kết quả '{indicator}' của {units} đơn vị được tính từ ngày bắt đầu đợt: đã trừ số "
                                  "đã thực hiện trước đợt (tổng {baseline}) khỏi kết quả lũy kế."),
    "result-below-baseline": (WARNING, "Kết quả '{unit}' ({indicator}) ngày {date} là {result}, thấp hơn số đã thực hiện "
                                       "trước đợt {baseline}: kết quả chỉ tiêu này được hiểu là chỉ tính trong đợt nên "
                                       "không trừ số trước đợt cho đơn vị nào; hãy kiểm tra số này là lũy kế hay chỉ "
                                       "tính trong đợt."),
    # summary/timeliness.py: reporting on time
    "schedule-invalid": (ERROR, "Không hiểu lịch báo cáo '{value}': hãy ghi 'hằng ngày 17:00' hoặc một thứ trong tuần "
                                "và giờ, ví dụ 'thứ 5 09:00', 'T5 9h', 'chủ nhật 17:00'."),
    "report-stale": (WARNING, "'{unit}' không báo cáo từ ngày {date}, quá một kỳ báo cáo ({schedule}): báo cáo cũ, "
                              "số liệu cũ không được xếp hạng."),
    # summary/emulation.py: the emulation ranking's rules
    "emulation-invalid": (ERROR, "Tệp quy tắc thi đua không đúng dạng: xem tệp mẫu emulation.yaml "
                                 "(weights, percent_cap, exclude, reward, criticism)."),
    # summary/plausibility.py: figures that cannot be right across files and days
    "result-jump": (WARNING, "Kết quả lũy kế của '{unit}' ({indicator}) tăng {increase} trong {days} ngày, từ {before} "
                             "({before_date}) lên {after} ({after_date}): gấp {times} lần mức tăng thường thấy "
                             "({usual}/ngày); hãy kiểm tra có gõ nhầm hay thừa chữ số không. Số này chưa được xếp hạng "
                             "cho đến khi được xác nhận."),
    "result-above-quota": (WARNING, "Kết quả của '{unit}' ({indicator}) ngày {after_date} là {after}, gấp {times} lần "
                                    "chỉ tiêu {quota}; hãy kiểm tra có gõ nhầm hay thừa chữ số không. Số này chưa được "
                                    "xếp hạng cho đến khi được xác nhận."),
    "result-decreased": (WARNING, "Kết quả lũy kế của '{unit}' ({indicator}) giảm từ {before} ({before_date}) xuống "
                                  "{after} ({after_date}). Số này chưa được xếp hạng cho đến khi được xác nhận."),
    "figure-accepted": (INFO, "Số liệu của '{unit}' ({indicator}) đến ngày {through} đã được xác nhận là đúng "
                              "nên được xếp hạng."),
    # app/launch.py: starting the app
    "app-folder-missing": (ERROR, "Không tìm thấy thư mục chương trình chitieu (có notebooks/app.ipynb) ở '{folder}' "
                                  "hay các thư mục bên trên; hãy chạy lệnh trong thư mục chitieu hoặc đặt biến "
                                  "CHITIEU_HOME là thư mục đó."),
    # app: what an officer typed or chose
    "date-invalid": (ERROR, "Ô '{field}' ghi '{value}' không phải là ngày; hãy nhập theo dạng ngày/tháng/năm, ví dụ 04/04/2024."),
    "profile-unsaved": (ERROR, "Không lưu được lựa chọn vào tệp '{file}' ({reason}); lựa chọn chỉ có hiệu lực đến khi đóng trang."),
    # saving.py: uploads and reports written
    "disk-full": (ERROR, "Không đủ chỗ trống trên đĩa để lưu '{name}'; chưa có tệp nào được ghi. "
                         "Hãy giải phóng dung lượng rồi thử lại."),
    "write-failed": (ERROR, "Không ghi được '{name}' ({reason}); chưa có tệp nào được ghi."),
}

# Why a column was read as it was (``catalog.Evidence``), shown beside it in the app's review and by
# ``chitieu read --columns``; grouped by the module that finds the reason. code: template
EVIDENCE: dict[str, str] = {
    # mapping/catalog.py: the words of the header and of the title, the figures, the kind of file
    "header-words": "tiêu đề cột có {words}",
    "group-words": "nằm trong nhóm '{group}' (tiêu đề gộp) có {words}",
    "title-words": "tiêu đề bảng có {words}",
    "file-kind": "tiêu đề không nói vai trò: tệp được nạp là sổ {kind}",
    "indicator-candidates": "có thể là một trong: {candidates}",
    "no-indicator": "không có từ nào chỉ tên chỉ tiêu",
    # mapping/columns.py: what the table's columns mean together
    "table-indicator": "các cột khác của bảng đều thuộc '{indicator}'",
    "group-total-named": "cột tổng của nhóm '{group}'",
    "group-total-sum": "bằng tổng các cột {parts} (cột tổng)",
    "group-part": "thành phần của cột tổng '{total}' nên không cộng thêm",
    "not-done-as-quota": "bảng không có cột chỉ tiêu hay đã thực hiện: số chưa thực hiện là số cần vận động",
    "whole-as-quota": "bảng không có cột chỉ tiêu; bằng '{done}' + '{rest}'",
    # mapping/days.py: a column per day
    "days-group": "một cột mỗi ngày, trong nhóm '{text}'",
    "days-title": "một cột mỗi ngày; tiêu đề bảng: '{text}'",
    "days-table": "một cột mỗi ngày; các cột khác của bảng đều thuộc '{indicator}'",
    # mapping/overrides.py: an officer's choice
    "chosen-option": "chọn bằng --map",
    "chosen-profile": "đã được chọn hoặc xác nhận (lưu trong tệp cấu hình)",
}
