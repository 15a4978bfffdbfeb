"""Import ClinicalTrials.gov downloads (API v2 JSON, the website's zip, legacy XML) as records."""
