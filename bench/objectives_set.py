"""Write the labelled objectives (issue: the advisor on objectives it has never seen) and split them once.

    .venv/bin/python bench/objectives_set.py

Writes ``tests/knowledge/fixtures/objectives_dev.jsonl`` and ``objectives_heldout.jsonl``: one random
split, seed 20261207, half each. Each row: ``lang``, ``text``, ``kpi`` (the acceptable metric ids, the
first preferred, or ``["none"]`` when the knowledge has no such KPI and should say so), ``strategies``
(acceptable strategy ids) and ``goals`` (their goals). The objectives were written in the words of
marketing managers, CMOs and consultants, with the method guides' vocabulary, before the knowledge was
extended; ids the knowledge did not have then are in ``PLANNED``. Run it once: the split is the record.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "knowledge" / "fixtures"
SEED = 20261207
# ids decided before measuring, added to the knowledge afterwards (strategy -> goal; metrics)
PLANNED = {
    "attract-leads-with-content": "generate-leads",
    "nurture-and-qualify-leads": "generate-leads",
    "promote-events": "generate-leads",
    "build-social-community": "grow-awareness",
}
PLANNED_METRICS = ("social_followers", "average_rating", "qualified_leads", "lead_conversion_rate",
                   "event_registrations", "event_attendance_rate")

G = {
    "WB": "reactivate-lapsed detect-at-risk",
    "CH": "detect-at-risk automate-lifecycle reactivate-lapsed onboard-new-customers reward-loyalty subscribe-and-replenish",
    "SOC": "build-social-community leverage-creators prospect-on-social",
    "REV": "collect-reviews listen-to-customers",
    "RAT": "collect-reviews listen-to-customers map-customer-journeys inform-proactively",
    "LEAD": "attract-leads-with-content nurture-and-qualify-leads promote-events offer-valuable-content",
    "NUR": "nurture-and-qualify-leads attract-leads-with-content",
    "EVT": "promote-events collect-contacts-offline",
    "SOV": "run-brand-campaigns publish-content-seo leverage-creators build-social-community",
    "CART": "simplify-checkout reassure-at-checkout recover-abandoned-carts speed-up-mobile",
    "AOV": "cross-sell-and-upsell thresholds-and-bundles",
    "CONV": "strengthen-product-pages personalise-onsite test-and-learn speed-up-mobile simplify-checkout reassure-at-checkout",
    "ACQ": "capture-search-demand prospect-on-social acquire-through-partners convert-first-purchase run-referral",
    "CAC": "reallocate-budget measure-attribution capture-search-demand acquire-through-partners run-referral",
    "RET": "onboard-new-customers reward-loyalty automate-lifecycle subscribe-and-replenish",
    "LTV": "invest-by-value subscribe-and-replenish care-for-best-customers reward-loyalty",
    "EMAIL": "send-relevant-content improve-deliverability manage-marketing-pressure",
    "LIST": "capture-site-visitors offer-valuable-content collect-contacts-offline",
    "ROI": "reallocate-budget measure-attribution",
    "SEO": "publish-content-seo capture-search-demand",
    "AWA": "run-brand-campaigns leverage-creators prospect-on-social publish-content-seo build-social-community",
    "CX": "listen-to-customers map-customer-journeys inform-proactively",
    "DATA": "audit-data clean-and-standardise unify-customer-view",
    "CONS": "prove-consent deploy-preference-centre",
    "STORE": "drive-web-to-store recognise-store-customers",
    "LAUNCH": "build-pre-launch-demand activate-base-at-launch",
    "REF": "run-referral collect-reviews leverage-creators",
    "SMS": "launch-sms",
    "APP": "launch-app-and-push",
}
G["REVENUE"] = " ".join((G["CONV"], G["ACQ"], G["AOV"], G["RET"]))

# text | kpi ids | strategy groups or ids
FR = """
Faire revenir les clients qui n'ont pas acheté depuis un an | reactivation_rate | WB
Réactiver 15 % des clients inactifs depuis plus de 18 mois d'ici juin | reactivation_rate | WB
Reconquérir les anciens clients partis chez la concurrence | reactivation_rate | WB
Relancer les clients dormants avec une campagne de win-back au T2 | reactivation_rate | WB
Ramener en boutique les clientes qui ne sont pas venues depuis 2 ans | reactivation_rate store_visits | WB drive-web-to-store
Reduire le nombre de clients inactifs dans la base (pas d'achat depuis 12 mois) | reactivation_rate | WB
Identifier les clients qui risquent de partir avant qu'ils ne partent | churn_rate customer_retention_rate | detect-at-risk
Diminuer le taux d'attrition de nos abonnés box de 8 % à 5 % | churn_rate | CH
Réduire les résiliations des abonnements annuels | churn_rate | CH
Augmenter le nombre d'abonnés Instagram de 30 % | social_followers | SOC
Atteindre 10 000 followers sur TikTok avant la fin de l'année | social_followers | SOC
Développer notre communauté sur LinkedIn | social_followers | SOC
Faire grandir la communauté de la marque sur les réseaux sociaux | social_followers | SOC
Gagner des fans sur la page Facebook du magasin | social_followers | SOC
Améliorer la note moyenne des avis Google | average_rating | RAT
Passer de 3,9 à 4,5 étoiles sur Google My Business | average_rating | RAT
Obtenir une meilleure note sur Trustpilot | average_rating | RAT
Collecter plus d'avis clients après livraison | review_rate | REV
Doubler le nombre d'avis produits sur le site | review_rate | REV
Générer 300 leads qualifiés par trimestre | qualified_leads | LEAD
Augmenter le nombre de MQL issus du site de 25% | qualified_leads | LEAD
Générer plus de rendez-vous commerciaux pour l'équipe de vente | qualified_leads | LEAD
Remplir le pipe commercial avec des prospects qualifiés | qualified_leads | LEAD
Augmenter le taux de transformation des leads en clients | lead_conversion_rate | NUR
Améliorer la conversion MQL vers SQL | lead_conversion_rate | NUR
Mettre en place un nurturing pour les leads froids | lead_conversion_rate qualified_leads | NUR
Obtenir 500 inscrits à notre webinar de septembre | event_registrations | EVT attract-leads-with-content
Augmenter les inscriptions au salon professionnel | event_registrations | EVT
Remplir notre conférence annuelle : 1 200 participants | event_registrations event_attendance_rate | EVT
Améliorer le taux de présence aux webinaires (trop de no-show) | event_attendance_rate | EVT
Faire venir plus de monde aux ateliers en magasin | event_attendance_rate event_registrations store_visits | EVT drive-web-to-store
Augmenter notre part de voix face aux concurrents | share_of_voice | SOV
Être la marque la plus citée du secteur dans la presse | share_of_voice brand_awareness | SOV
Réduire l'abandon de panier sur mobile | cart_abandonment_rate | CART
Relancer les paniers abandonnés sous 1h | cart_abandonment_rate | CART
Moins de clients qui laissent tomber au moment de payer | cart_abandonment_rate checkout_completion_rate | CART
Augmenter le panier moyen de 10 € d'ici Noël | average_order_value | AOV
Vendre plus d'articles par ticket en magasin | items_per_order | AOV
Faire monter le ticket moyen grâce aux ventes additionnelles | average_order_value | AOV
Améliorer le taux de conversion du site e-commerce de 1,8 % à 2,5 % | conversion_rate | CONV
Transformer plus de visiteurs en acheteurs | conversion_rate | CONV
Recruter 5 000 nouveaux clients en 2025 | new_customers | ACQ
Conquérir de nouveaux clients hors Ile-de-France | new_customers | ACQ
Baisser le coût d'acquisition client de 20 % | customer_acquisition_cost | CAC
Diminuer le CPA sur Meta Ads | customer_acquisition_cost | CAC prospect-on-social
Fidéliser les nouveaux clients après leur premier achat | repeat_purchase_rate customer_retention_rate | RET
Augmenter le taux de réachat à 90 jours | repeat_purchase_rate | RET
Faire revenir les primo-acheteurs pour une deuxième commande | repeat_purchase_rate | RET
Augmenter la fréquence d'achat de nos clients fidèles | purchase_frequency | RET LTV
Lancer un programme de fidélité et encarter 40% des clients magasin | loyalty_member_share | reward-loyalty recognise-store-customers
Augmenter la valeur vie client | customer_lifetime_value | LTV
Chouchouter nos meilleurs clients pour qu'ils dépensent plus | customer_lifetime_value revenue_from_returning_customers | LTV
Augmenter le taux d'ouverture de la newsletter | email_open_rate | EMAIL
Ameliorer le taux de clic des emailings promotionnels | email_click_rate | EMAIL
Réduire les désinscriptions à la newsletter | email_unsubscribe_rate | EMAIL deploy-preference-centre
Ne plus tomber en spam chez Gmail et Outlook | email_deliverability_rate | improve-deliverability
Nettoyer la base : moins de hard bounces | email_bounce_rate | improve-deliverability clean-and-standardise
Doubler le nombre d'inscrits à la newsletter | contact_base_size | LIST
Collecter les emails des clients en caisse | contact_base_size | LIST recognise-store-customers
Améliorer le taux de conversion de la pop-up d'inscription | signup_conversion_rate | capture-site-visitors
Lancer le SMS marketing et atteindre 5% de taux de clic | sms_click_rate | SMS
Faire télécharger l'application par 20 000 clients | app_active_users | APP
Augmenter le taux d'opt-in aux notifications push | push_opt_in_rate | APP
Améliorer la rentabilité de nos campagnes Google Ads | return_on_ad_spend marketing_roi | ROI capture-search-demand
Atteindre un ROAS de 4 sur les campagnes Shopping | return_on_ad_spend | ROI capture-search-demand
Augmenter le trafic naturel du blog de 50 % | organic_traffic | SEO
Mieux se positionner sur Google sur nos mots-clés principaux | organic_traffic | SEO
Attirer plus de visiteurs sur le site | site_traffic organic_traffic | SEO prospect-on-social run-brand-campaigns
Faire connaître la marque auprès des 25-35 ans | brand_awareness | AWA
Gagner 10 points de notoriété assistée en région lyonnaise | brand_awareness | AWA
Améliorer le NPS de 32 à 45 | net_promoter_score | CX care-for-best-customers
Augmenter la satisfaction client après SAV | customer_satisfaction | CX
Réduire les appels au service client sur le suivi de commande | support_contact_rate | CX
Améliorer la qualité des données clients (adresses, téléphones) | data_completeness_rate | DATA
Dédoublonner la base clients | duplicate_rate | DATA
Avoir une vision client unique entre magasin et web | data_completeness_rate duplicate_rate | unify-customer-view recognise-store-customers
Se mettre en conformité RGPD sur le recueil du consentement | consent_rate | CONS
Augmenter le nombre de clients optin SMS | consent_rate contact_base_size | CONS SMS LIST
Générer du trafic en magasin grâce au site | store_visits | STORE
Développer le click & collect | click_and_collect_share | STORE
Lancer avec succès la nouvelle gamme printemps | product_launch_sales | LAUNCH
Réussir le lancement de notre nouveau parfum : 3000 précommandes | product_launch_sales | LAUNCH
Développer le parrainage : 1 client sur 10 parrainé | referral_rate | REF
Encourager le bouche à oreille | referral_rate | REF
Accélérer le temps de chargement des fiches produits | page_load_time | speed-up-mobile
Mesurer l'apport réel de chaque canal marketing | marketing_roi | ROI
Améliorer le ROI marketing global de 15 % | marketing_roi | ROI
Augmenter le chiffre d'affaires en ligne de 20 % en 2025 | revenue | REVENUE
Accroître les ventes du site de 15% sur le S1 | revenue | REVENUE
Augmenter le nombre de donateurs réguliers de l'association | new_customers customer_retention_rate repeat_purchase_rate | ACQ RET
Fidéliser les donateurs ponctuels en donateurs mensuels | customer_retention_rate repeat_purchase_rate | RET
Augmenter la collecte de dons en ligne pendant la campagne de fin d'année | revenue conversion_rate | REVENUE
Recruter plus de bénévoles pour nos événements | none |
Réduire le turnover des vendeurs en boutique | none |
Diminuer les délais de livraison à 48h | none |
Améliorer la marge brute des produits | none |
Recruter deux alternants pour l'équipe marketing | none |
Réduire l'empreinte carbone de nos envois d'emailing | none |
Baisser le taux de retour produits de 12% à 8% | none |
Augmenter le nombre de demandes de démo de notre logiciel | qualified_leads | LEAD
Convertir plus d'essais gratuits en abonnements payants | conversion_rate lead_conversion_rate | NUR convert-first-purchase automate-lifecycle
Réduire le churn mensuel de notre SaaS sous les 2% | churn_rate | CH
Améliorer le ratio LTV/CAC au-dessus de 3 | ltv_cac_ratio | invest-by-value reallocate-budget
Réduire le délai de retour sur CAC à 12 mois | cac_payback_months | invest-by-value reallocate-budget
Augmenter le taux d'engagement de nos posts instagram | social_engagement_rate | SOC
Obtenir plus de likes et de commentaires sur nos publications | social_engagement_rate | SOC
Faire parler de la marque par des influenceurs | brand_awareness | AWA
ré-engager les inactifs de la base email (pas d'ouverture depuis 6 mois) | email_open_rate reactivation_rate | EMAIL reactivate-lapsed
notoriété | brand_awareness | AWA
fidélisation client 2025 | customer_retention_rate | RET
generer des leads | qualified_leads | LEAD
win-back des clients perdus | reactivation_rate | WB
Augmenter les followers | social_followers | SOC
Développer la prospection B2B auprès des DSI des ETI | qualified_leads new_customers | LEAD
Qualifier les contacts du salon et les transmettre aux commerciaux sous 48 h | qualified_leads lead_conversion_rate | NUR EVT
"""

EN = """
Grow qualified leads from webinars by 40% this year | qualified_leads | LEAD
Generate 200 MQLs per month from content marketing | qualified_leads | LEAD
Increase SQLs handed to sales by 30% in H2 | qualified_leads lead_conversion_rate | NUR
Build a lead nurturing program to move prospects down the funnel | lead_conversion_rate qualified_leads | NUR
Improve lead-to-opportunity conversion | lead_conversion_rate | NUR
Book more sales meetings with enterprise accounts | qualified_leads | LEAD
Fill the sales pipeline with qualified prospects before Q4 | qualified_leads | LEAD
Increase demo requests on the pricing page | qualified_leads conversion_rate | LEAD CONV
Get more whitepaper downloads from target accounts | qualified_leads contact_base_size | LEAD
Win back customers who haven't purchased in 12 months | reactivation_rate | WB
Reactivate lapsed buyers with a win-back email series | reactivation_rate | WB
Bring dormant customers back to the store | reactivation_rate store_visits | WB drive-web-to-store
Re-engage inactive customers before they churn for good | reactivation_rate churn_rate | WB
Recover 10% of lost subscribers | reactivation_rate churn_rate | WB
Reduce customer churn from 6% to 4% monthly | churn_rate | CH
Spot customers at risk of leaving earlier | churn_rate customer_retention_rate | detect-at-risk
Improve retention of first-year members | customer_retention_rate | RET
Grow Instagram followers by 30% by December | social_followers | SOC
Reach 50k followers on TikTok | social_followers | SOC
Build an engaged online community around the brand | social_followers social_engagement_rate | SOC
Grow our LinkedIn company page audience | social_followers | SOC
Increase social media engagement rate to 3% | social_engagement_rate | SOC
Improve our average Google review rating from 4.1 to 4.6 stars | average_rating | RAT
Get a better star rating on Trustpilot | average_rating | RAT
Raise our app store rating above 4.5 | average_rating | RAT
Collect more product reviews after delivery | review_rate | REV
Double the number of customer reviews on our product pages | review_rate | REV
Drive 1,000 registrations for our annual user conference | event_registrations | EVT
Increase webinar sign-ups | event_registrations | EVT attract-leads-with-content
Improve webinar attendance rate (too many no-shows) | event_attendance_rate | EVT
Get more people to attend our in-store events | event_attendance_rate event_registrations store_visits | EVT drive-web-to-store
Boost trade show booth visits and capture leads at the event | qualified_leads event_attendance_rate contact_base_size | EVT LEAD
Increase share of voice versus our top 3 competitors | share_of_voice | SOV
Become the most talked-about brand in our category | share_of_voice brand_awareness | SOV
Reduce cart abandonment on mobile checkout | cart_abandonment_rate | CART
Recover more abandoned carts with reminder emails | cart_abandonment_rate | CART
Fewer shoppers dropping off at payment | cart_abandonment_rate checkout_completion_rate | CART
Increase average order value by 12% | average_order_value | AOV
Sell more items per basket through bundles | items_per_order | AOV
Lift the ecommerce conversion rate from 1.5% to 2% | conversion_rate | CONV
Turn more website visitors into buyers | conversion_rate | CONV
Acquire 10,000 new customers in 2025 | new_customers | ACQ
Grow the customer base in Germany | new_customers | ACQ
Cut customer acquisition cost by 15% | customer_acquisition_cost | CAC
Lower CPA on paid social | customer_acquisition_cost | CAC prospect-on-social
Drive second purchases among first-time buyers | repeat_purchase_rate | RET
Increase repeat purchase rate within 90 days | repeat_purchase_rate | RET
Improve customer retention | customer_retention_rate | RET
Make customers buy more often | purchase_frequency | RET LTV
Launch a loyalty program and enroll 30% of shoppers | loyalty_member_share | reward-loyalty recognise-store-customers
Increase customer lifetime value by 20% | customer_lifetime_value | LTV
Grow revenue from our VIP customers | customer_lifetime_value revenue_from_returning_customers | LTV
Increase newsletter open rates | email_open_rate | EMAIL
Improve email click-throughs on promos | email_click_rate | EMAIL
Reduce unsubscribes after campaigns | email_unsubscribe_rate | EMAIL deploy-preference-centre
Stop landing in the spam folder | email_deliverability_rate | improve-deliverability
Reduce hard bounces in our email list | email_bounce_rate | improve-deliverability clean-and-standardise
Grow our email list by 25k subscribers | contact_base_size | LIST
Capture more emails at checkout in store | contact_base_size | LIST recognise-store-customers
Improve popup sign up conversion | signup_conversion_rate | capture-site-visitors
Launch SMS and reach a 4% click rate | sms_click_rate | SMS
Get 50k app downloads in the first year | app_active_users | APP
Increase push notification opt-in | push_opt_in_rate | APP
Improve ROAS on Google Shopping to 5x | return_on_ad_spend | ROI capture-search-demand
Get better return on our paid media | return_on_ad_spend marketing_roi | ROI
Grow organic search traffic 50% YoY | organic_traffic | SEO
Rank on page one for our top keywords | organic_traffic | SEO
Drive more traffic to the website | site_traffic organic_traffic | SEO prospect-on-social run-brand-campaigns
Build brand awareness among Gen Z | brand_awareness | AWA
Increase aided awareness by 8 points in the UK | brand_awareness | AWA
Raise NPS from 30 to 45 | net_promoter_score | CX care-for-best-customers
Improve customer satisfaction with delivery | customer_satisfaction | CX
Reduce "where is my order" tickets | support_contact_rate | CX
Improve customer data quality across systems | data_completeness_rate | DATA
Deduplicate our CRM records | duplicate_rate | DATA
Build a single customer view across store and online | data_completeness_rate duplicate_rate | unify-customer-view recognise-store-customers
Be GDPR compliant on marketing consent | consent_rate | CONS
Drive online shoppers to visit our stores | store_visits | STORE
Grow click and collect orders | click_and_collect_share | STORE
Make the spring collection launch a success | product_launch_sales | LAUNCH
Get 2,000 pre-orders for the new sneaker | product_launch_sales | LAUNCH
Grow referrals from existing customers | referral_rate | REF
Turn happy customers into brand ambassadors | referral_rate net_promoter_score | REF
Speed up page load on mobile | page_load_time | speed-up-mobile
Improve overall marketing ROI | marketing_roi | ROI
Prove which channels actually drive sales | marketing_roi | ROI
Grow online revenue 20% in FY25 | revenue | REVENUE
Increase recurring donors for our charity by 15% | new_customers customer_retention_rate repeat_purchase_rate | ACQ RET
Raise more money in our year-end giving campaign | revenue | REVENUE
Grow trial-to-paid conversion for our SaaS | conversion_rate lead_conversion_rate | NUR convert-first-purchase automate-lifecycle
Reduce SaaS churn below 2% per month | churn_rate | CH
Keep LTV:CAC above 3 | ltv_cac_ratio | invest-by-value reallocate-budget
Shorten CAC payback to under 12 months | cac_payback_months | invest-by-value reallocate-budget
Reduce employee turnover in the sales team | none |
Cut delivery times to 2 days | none |
Improve gross margin on private label | none |
Hire a marketing operations manager | none |
Reduce product return rate from 20% to 15% | none |
Lower the carbon footprint of our campaigns | none |
Re-engage subscribers who have not opened an email in 6 months | email_open_rate reactivation_rate | EMAIL reactivate-lapsed
Increase attendance at our charity gala | event_attendance_rate event_registrations | EVT
Get more people to sign up for our free workshops | event_registrations | EVT
grow qualifed leads for the b2b sales team | qualified_leads | LEAD
Increase customer lifetime value for subscription boxes | customer_lifetime_value | LTV
improve conversion of leads to customers | lead_conversion_rate | NUR
winback campaign for churned clients | reactivation_rate churn_rate | WB
more instagram followers | social_followers | SOC
Grow our community of brand fans on social | social_followers | SOC
Increase the number of 5-star reviews | average_rating review_rate | RAT
Generate more inbound leads for the consulting practice | qualified_leads | LEAD
Increase registrations for the Paris product launch event | event_registrations product_launch_sales | EVT LAUNCH
Reduce the proportion of customers inactive for more than a year | reactivation_rate | WB
Bring back lapsed members of the gym | reactivation_rate | WB
"""


def rows() -> list[dict[str, object]]:
    goals = yaml.safe_load((ROOT / "src/jalon/knowledge/data/goals.yaml").read_text(encoding="utf-8"))
    goal_of = {s["id"]: s["goal"] for s in goals["strategies"]} | PLANNED
    out: list[dict[str, object]] = []
    for lang, block in (("fr", FR), ("en", EN)):
        for line in block.strip().splitlines():
            text, kpis, strategies = (part.strip() for part in line.split("|"))
            ids = [s for item in strategies.split() for s in G.get(item, item).split()]
            ids = list(dict.fromkeys(ids))
            unknown = [s for s in ids if s not in goal_of]
            assert not unknown, (text, unknown)
            out.append({
                "lang": lang, "text": text, "kpi": kpis.split(), "strategies": ids,
                "goals": list(dict.fromkeys(goal_of[s] for s in ids)),
            })
    return out


def main() -> None:
    labelled = rows()
    random.Random(SEED).shuffle(labelled)
    half = len(labelled) // 2
    for name, part in (("objectives_dev.jsonl", labelled[:half]), ("objectives_heldout.jsonl", labelled[half:])):
        lines = [json.dumps(row, ensure_ascii=False) for row in part]
        (FIXTURES / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(name, len(part))


if __name__ == "__main__":
    main()
