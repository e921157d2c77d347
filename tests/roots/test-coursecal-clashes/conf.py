extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = "schedule.yaml"
html_baseurl = "https://clash.example.org/"
