//! The funnel's data table: the accessible alternative to the chart and the source of its
//! numbers. GOV.UK table pattern: caption, header scopes, numbers right-aligned.

use leptos::prelude::*;
use outcomes_core::funnel::FunnelStep;

#[component]
pub fn FunnelTable(#[prop(into)] caption: String, steps: Vec<FunnelStep>) -> impl IntoView {
    let any_suppressed = steps.iter().any(|step| step.count.is_suppressed());
    view! {
        <div class="app-table-wrapper">
            <table class="govuk-table" data-testid="funnel-table">
                <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Stage"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"People"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Conversion from previous stage"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Conversion from first stage"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Drop-off from previous stage"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {steps.into_iter().map(|step| view! {
                        <tr class="govuk-table__row" data-stage=step.stage_id.clone()>
                            <th scope="row" class="govuk-table__header">{step.stage_name.clone()}</th>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-column="count">{step.count.to_string()}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-column="from-previous">{step.conversion_from_previous.percent()}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-column="from-first">{step.conversion_from_first.percent()}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-column="drop-off">{step.drop_off.to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="govuk-body-s">
            "Counts are rounded to the nearest 5. "
            {any_suppressed.then_some("[c] means the figure is withheld to protect confidentiality: it is a small number, or could reveal one. Figures that would need it are withheld too. ")}
            "[z] means not applicable."
        </p>
    }
}
