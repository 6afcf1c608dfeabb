#pragma once
// Checks a read record against its template: field types, required fields and
// seals, and the template's rules. Each problem becomes a validation entry.
#include "extract/form_template.h"
#include "extract/record.h"

namespace shenbao::extract {

void Validate(const FormTemplate& form, Record& record);

}  // namespace shenbao::extract
