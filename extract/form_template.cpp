#include "extract/form_template.h"

namespace shenbao::extract {

const FieldSpec* FormTemplate::FindField(std::string_view field_id) const {
  for (const FieldSpec& f : fields) {
    if (f.id == field_id) return &f;
  }
  return nullptr;
}

const TableSpec* FormTemplate::FindTable(std::string_view table_id) const {
  for (const TableSpec& t : tables) {
    if (t.id == table_id) return &t;
  }
  return nullptr;
}

const StampSpec* FormTemplate::FindStamp(std::string_view stamp_id) const {
  for (const StampSpec& s : stamps) {
    if (s.id == stamp_id) return &s;
  }
  return nullptr;
}

}  // namespace shenbao::extract
